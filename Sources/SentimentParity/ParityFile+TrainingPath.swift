import SentimentKit
extension ParityFile {
  /// What `sentiment bench` reports for this file: its case (told by the description) run in
  /// Float through the code training runs, held to `tolerances` (by default the parity README's
  /// float32 ones). Throws when the description names no model modelled here, or the file is
  /// malformed.
  public func runTrainingPath(tolerances: ParityTolerances = .float) throws -> ParityResult {
    guard let parityCase = try ParityCase(self) else {
      let start = description.count > 60 ? description.prefix(60) + "…" : description
      throw ParityFileError.unsupported(
        file: name, what: "the description names no model run here: \"\(start)\"")
    }
    return try parityCase.runTrainingPath(self, tolerances: tolerances)
  }
}
