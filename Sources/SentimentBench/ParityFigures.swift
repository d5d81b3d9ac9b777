import SentimentKit
import SentimentParity

/// One parity case in `sentiment bench --json`'s "parity" list: the largest |ours − PyTorch| of
/// each kind of quantity and whether all are within tolerance. Errors of a kind the case does not
/// have (loss and after-Adam for a layer), and all of them when the case could not run, are null.
public struct ParityFigures: Codable {
  /// The case, e.g. "lstm_bidirectional".
  public var name: String
  /// Outputs: per-step output, h_n, c_n; the classifier's log-probabilities.
  public var maxOutputError: Double?
  /// dL/dx and every weight gradient.
  public var maxGradientError: Double?
  /// The classifier's loss.
  public var maxLossError: Double?
  /// The classifier's parameters after the Adam step.
  public var maxAfterAdamError: Double?
  /// Whether the case ran and every quantity is within its tolerance.
  public var passed: Bool
  /// Why the case could not run, if it could not.
  public var error: String?

  public enum CodingKeys: String, CodingKey {
    case name, passed, error
    case maxOutputError = "max_output_error"
    case maxGradientError = "max_gradient_error"
    case maxLossError = "max_loss_error"
    case maxAfterAdamError = "max_after_adam_error"
  }

  /// The figures of one outcome.
  public init(_ outcome: ParityOutcome) {
    name = outcome.name
    passed = outcome.passed
    switch outcome.result {
    case .success(let run):
      maxOutputError = run.maxError(.output)
      maxGradientError = run.maxError(.gradient)
      maxLossError = run.maxError(.loss)
      maxAfterAdamError = run.maxError(.afterAdam)
    case .failure(let failure):
      error = "\(failure)"
    }
  }

  /// Every key, null where there is no figure, so that readers find the same keys in each entry.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(maxOutputError, forKey: .maxOutputError)
    try container.encode(maxGradientError, forKey: .maxGradientError)
    try container.encode(maxLossError, forKey: .maxLossError)
    try container.encode(maxAfterAdamError, forKey: .maxAfterAdamError)
    try container.encode(passed, forKey: .passed)
    try container.encode(error, forKey: .error)
  }
}
