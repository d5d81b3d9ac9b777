import SentimentKit
/// One compared quantity of a parity case, such as "h_n[1]" or "dweight_hh_l0": how far ours
/// strays from PyTorch's and the tolerance it is held to.
public struct ParityQuantity: Sendable {
  /// What a quantity is, which sets its tolerance and the report column it counts in.
  public enum Kind: String, CaseIterable, Sendable {
    /// A forward result: per-step output, h_n, c_n, log-probabilities.
    case output
    /// The scalar loss.
    case loss
    /// dL/dx or a weight gradient.
    case gradient
    /// A parameter after the optimizer step.
    case afterAdam
  }

  /// The file's name for it ("output", "h_n[0]", "dx", "dlstm.weight_ih_l0",
  /// "after_adam head.bias").
  public let name: String
  /// Its kind.
  public let kind: Kind
  /// The bound |a − e| ≤ atol + rtol·max(|a|, |e|) each element is held to.
  public let tolerance: Tolerance
  /// How far ours strays, worst element first.
  public let deviation: Deviation

  /// Whether every element is within the tolerance.
  public var passed: Bool { deviation.passed }
}
