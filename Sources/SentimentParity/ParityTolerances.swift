import SentimentKit
/// The tolerances a parity case is held to, one per kind of quantity (see `ParityQuantity.Kind`).
public struct ParityTolerances: Equatable, Sendable {
  /// Outputs, final states, log-probabilities and the loss.
  public var outputs: Tolerance
  /// dL/dx and every weight gradient.
  public var gradients: Tolerance
  /// Every parameter after the optimizer step.
  public var afterAdam: Tolerance

  /// The three tolerances; the parameters after the step are held to `outputs` unless given.
  public init(outputs: Tolerance, gradients: Tolerance, afterAdam: Tolerance? = nil) {
    self.outputs = outputs
    self.gradients = gradients
    self.afterAdam = afterAdam ?? outputs
  }

  /// Float (ε ≈ 1.2e-7) against the float64 reference, as the parity README says: 1e-5 relative
  /// on outputs and 1e-4 on gradients, each with an absolute floor a tenth of that (1e-6, 1e-5)
  /// for values near zero, where float32 rounding of O(1) terms dominates. Weights after Adam are
  /// O(0.5), stored to ~3e-8; the step itself is ≈ ±lr and inherits a gradient's float error δg
  /// only as lr·ε_adam·δg/g² (≲ 1e-9 on the shared case), so they are held to the outputs' 1e-5.
  public static let float = ParityTolerances(
    outputs: Tolerance(relative: 1e-5, absolute: 1e-6),
    gradients: Tolerance(relative: 1e-4, absolute: 1e-5))

  /// The tolerance of one kind of quantity.
  public func tolerance(for kind: ParityQuantity.Kind) -> Tolerance {
    switch kind {
    case .output, .loss: return outputs
    case .gradient: return gradients
    case .afterAdam: return afterAdam
    }
  }
}
