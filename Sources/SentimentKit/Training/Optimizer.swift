/// Updates a parameter set from its gradients (a set of the same type), walking both by
/// `namedTensors` in order. Conforming types follow torch.optim's update rules exactly, and keep
/// their state as named tensors plus a step count, so a checkpoint resumes bit-identically.
public protocol Optimizer<Parameters> {
  /// The parameter set (and gradient) type.
  associatedtype Parameters: ParameterSet

  /// The learning rate of the next update; a `Schedule` may set it before each one.
  var learningRate: Double { get set }
  /// Multipliers of the learning rate, one per tensor in `namedTensors` order (discriminative
  /// rates); a tensor at 0 is frozen: neither it nor its state changes. nil: 1 for every tensor.
  /// Adam's t is shared, so a tensor unfrozen late starts with small bias-corrected steps (its
  /// moments start at zero), a short warm-up of its own.
  var tensorRates: [Double]? { get set }
  /// Updates made so far (Adam's t once an update has begun).
  var stepCount: Int { get set }
  /// Every state buffer under "<buffer>.<parameter name>", with PyTorch's buffer names
  /// (momentum_buffer, square_avg, exp_avg, exp_avg_sq). They are views of the optimizer's
  /// storage: writing saved values into them, and setting `stepCount`, restores the optimizer.
  var stateTensors: [NamedTensor<Parameters.T>] { get }

  /// One update of `parameters` along `gradients` (read only); adds 1 to `stepCount`.
  mutating func update(_ parameters: Parameters, along gradients: Parameters)
}
