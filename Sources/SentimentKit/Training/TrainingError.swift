/// Why training stopped or could not start.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
  /// The loss or a gradient became NaN or infinite.
  case nonFinite(epoch: Int, batch: Int, what: String, checkpoint: String?)
  /// A run cannot be resumed from the folder.
  case cannotResume(String)
  /// Nothing to train on.
  case noData(String)

  /// One sentence saying what happened and what is kept.
  public var description: String {
    switch self {
    case .nonFinite(let epoch, let batch, let what, let checkpoint):
      let kept = checkpoint.map { "the last good checkpoint is kept in \($0)" } ?? "no epoch had finished, so no checkpoint was written"
      return "training diverged: \(what == "loss" ? "the loss" : "the gradient of \(what)") became NaN or infinite in epoch \(epoch), batch \(batch); \(kept). Try a lower learning rate or clipping (--clip-norm)."
    case .cannotResume(let reason):
      return "cannot resume: \(reason)"
    case .noData(let reason):
      return "nothing to train on: \(reason)"
    }
  }
}
