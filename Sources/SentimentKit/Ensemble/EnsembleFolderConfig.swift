/// An ensemble model folder's `config.json`: its members (model folders of their own, by path
/// relative to the ensemble's folder) and their weights, with the held-out figures the weight
/// was chosen by.
public struct EnsembleFolderConfig: Codable, Equatable, Sendable {
  /// The file's format, shared with the other model folders.
  public var format = ModelFolder.format
  /// Format version.
  public var formatVersion = ModelFolder.formatVersion
  /// Always `.ensemble`.
  public var kind = ModelKind.ensemble
  /// Member folders, relative to this folder (or absolute).
  public var members: [String]
  /// w_k, one per member, summing to 1.
  public var weights: [Double]
  /// Held-out log-loss of the chosen combination.
  public var validationLogLoss: Double
  /// Held-out accuracy of the chosen combination.
  public var validationAccuracy: Double
  /// p(pos) at or above which the ensemble says pos: the held-out accuracy's best cut.
  public var threshold: Double

  /// A configuration of every field.
  public init(
    members: [String], weights: [Double], validationLogLoss: Double, validationAccuracy: Double,
    threshold: Double
  ) {
    self.threshold = threshold
    self.members = members
    self.weights = weights
    self.validationLogLoss = validationLogLoss
    self.validationAccuracy = validationAccuracy
  }

  /// A description of what is wrong, or nil.
  public var problem: String? {
    if members.isEmpty || members.count != weights.count {
      return "an ensemble needs one weight per member and at least one member"
    }
    if weights.contains(where: { !($0 >= 0) }) || abs(weights.reduce(0, +) - 1) > 1e-9 {
      return "weights must be non-negative and sum to 1, not \(weights)"
    }
    if !(0...1).contains(threshold) { return "threshold must be in [0, 1], not \(threshold)" }
    return nil
  }
}
