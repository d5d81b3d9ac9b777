/// How a model is trained: saved in a model folder's `config.json` so a run can be resumed and
/// reported exactly.
public struct TrainingConfig: Codable, Equatable, Sendable {
  /// The update rule.
  public enum OptimizerKind: String, Codable, CaseIterable, Sendable {
    /// torch.optim.Adam.
    case adam
    /// torch.optim.SGD with momentum.
    case sgd
    /// torch.optim.RMSprop.
    case rmsprop
  }

  /// Passes over the training reviews.
  public var epochs = 3
  /// Reviews per update.
  public var batchSize = 64
  /// The update rule.
  public var optimizer: OptimizerKind = .adam
  /// Base learning rate.
  public var learningRate = 1e-3
  /// SGD momentum μ.
  public var momentum = 0.9
  /// L2 penalty added to the gradients (PyTorch's weight_decay).
  public var weightDecay = 0.0
  /// Largest global gradient norm; nil turns clipping off.
  public var clipNorm: Double? = 5
  /// How the learning rate moves over the updates.
  public var schedule: Schedule = .constant
  /// Share of the training reviews held out for validation (seeded split).
  public var validationFraction = 0.1
  /// Stop after this many epochs without a lower validation loss; nil never stops early.
  public var patience: Int? = 2
  /// Seeds the split, the initial weights, the batch order and dropout.
  public var seed: UInt64 = 42
  /// At most this many reviews of each split (balanced by label) for quick runs; nil uses all.
  public var reviewLimit: Int?

  /// The defaults of `make train-imdb`.
  public init() {}

  /// A description of what is wrong, or nil.
  public var problem: String? {
    if !(1...100_000).contains(epochs) { return "epochs must be 1 to 100000, not \(epochs)" }
    if !(1...1 << 20).contains(batchSize) {
      return "batch size must be 1 to \(1 << 20), not \(batchSize)"
    }
    if !(learningRate > 0 && learningRate.isFinite) {
      return "learning rate must be a positive finite number, not \(learningRate)"
    }
    if !(0...1).contains(momentum) { return "momentum must be in [0, 1], not \(momentum)" }
    if !(weightDecay >= 0 && weightDecay.isFinite) {
      return "weight decay must be a finite number ≥ 0, not \(weightDecay)"
    }
    if let clipNorm, !(clipNorm > 0 && clipNorm.isFinite) {
      return "clip norm must be a positive finite number, not \(clipNorm)"
    }
    if !(0..<1).contains(validationFraction) {
      return "validation fraction must be in [0, 1), not \(validationFraction)"
    }
    if let patience, patience < 1 { return "patience must be at least 1, not \(patience)" }
    if let reviewLimit, reviewLimit < 2 { return "review limit must be at least 2, not \(reviewLimit)" }
    if let problem = schedule.problem { return problem }
    return nil
  }
}
