/// Why pretraining, or starting a classifier from pretrained vectors, failed.
public enum PretrainingError: Error, CustomStringConvertible, Equatable {
  /// The text holds nothing to learn from.
  case noText(String)
  /// A word-vectors folder that cannot be used (its path, and why).
  case badVectors(folder: String, reason: String)

  /// What went wrong, for the user.
  public var description: String {
    switch self {
    case .noText(let reason): return "cannot pretrain: \(reason)"
    case .badVectors(let folder, let reason): return "\(folder): \(reason)"
    }
  }
}
