/// A differentiable stage of the model with an explicit forward and a hand-written backward.
public protocol Layer {
  /// What the layer reads.
  associatedtype Input
  /// What the layer produces; its gradient has the same type.
  associatedtype Output
  /// Exactly what backward needs from forward.
  associatedtype Cache
  /// The trainable parameters (and, by the same type, their gradients).
  associatedtype Parameters: ParameterSet
  /// dL/dInput; `Void` where the input is not differentiable (token ids).
  associatedtype InputGradient = Input

  /// The current weights.
  var parameters: Parameters { get set }

  /// Output and the cache for backward.
  func forward(_ input: Input) -> (output: Output, cache: Cache)

  /// Adds (+=) this batch's parameter gradients into `grads` and returns dL/dInput.
  func backward(_ dOutput: Output, cache: Cache, into grads: inout Parameters) -> InputGradient
}
