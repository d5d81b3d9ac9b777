/// A token list or `vocab.txt` that is not a valid vocabulary; names the file and the line.
public struct VocabularyError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file read, or nil for tokens given in memory.
  public var file: String?
  /// The 1-based line (token id + 1) at fault, when the problem is one line.
  public var line: Int?
  /// What is wrong.
  public var reason: String

  /// An error about `line` of `file`.
  public init(file: String?, line: Int?, reason: String) {
    self.file = file
    self.line = line
    self.reason = reason
  }

  /// As "vocab.txt:7: duplicate token "the" (first on line 3)".
  public var description: String {
    var place = file ?? "vocabulary"
    if let line { place += ":\(line)" }
    return "\(place): \(reason)"
  }
}
