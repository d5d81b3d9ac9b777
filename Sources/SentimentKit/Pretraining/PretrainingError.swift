/// Why pretraining, or starting a classifier from pretrained vectors, failed.
public enum PretrainingError: Error, CustomStringConvertible, Equatable {
  /// The text holds nothing to learn from.
  case noText(String)
  /// A pretrained folder (word vectors or language model) that cannot be used: its path, and why.
  case badFolder(folder: String, reason: String)
  /// The loss or a gradient (named) became NaN or infinite in a batch (1-based) of an epoch.
  case nonFinite(epoch: Int, batch: Int, what: String)

  /// What went wrong, for the user.
  public var description: String {
    switch self {
    case .noText(let reason): return "cannot pretrain: \(reason)"
    case .badFolder(let folder, let reason): return "\(folder): \(reason)"
    case .nonFinite(let epoch, let batch, let what):
      return "pretraining diverged: \(what) is NaN or infinite in batch \(batch) of epoch \(epoch); try a lower --learning-rate"
    }
  }
}
