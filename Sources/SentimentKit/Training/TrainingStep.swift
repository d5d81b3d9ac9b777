/// One update of a model from one batch:
///   g = ∇θ L(batch)   (gradients zeroed first)
///   stop if L or any g is NaN or ±∞ (nothing is updated)
///   g ← 0 for the tensors frozen this epoch (gradual unfreezing)
///   g ← g · min(1, c / (‖g‖₂ + 1e-6))   when clipping at c
///   θ ← optimizer(θ, g) at the scheduled learning rate (times each tensor's discriminative
///       multiplier)
/// Subnormal floats are flushed to zero meanwhile (see `FloatingPointMode`).
///
/// With a `communicator` the batch is shared among the job's ranks (`Shard`): each rank computes
/// g of its share, `GradientReducer` sums the shares' gradients weighted by their sizes into the
/// whole batch's g on every rank, and the steps after it run on the same bits everywhere, so the
/// ranks' weights stay identical.
public final class TrainingStep {
  /// The model being trained.
  public let model: any SentimentModel
  /// The update rule and its state.
  public var optimizer: any Optimizer<ParameterList<Float>>
  /// Learning rate, schedule and clipping.
  public let config: TrainingConfig
  /// The epoch (1-based) the next updates belong to: sets the per-tensor rates of
  /// discriminative learning rates and gradual unfreezing (`TrainingConfig.tensorRates`).
  public var epoch = 1 {
    didSet { optimizer.tensorRates = Self.rates(config, model, epoch: epoch) }
  }
  /// The ranks sharing each batch; nil: this process alone.
  public var communicator: Communicator?
  /// Updates made so far (drives the schedule).
  public var updates: Int {
    get { optimizer.stepCount }
    set { optimizer.stepCount = newValue }
  }

  /// A fresh optimizer of the configured kind for `model`.
  public init(model: any SentimentModel, config: TrainingConfig) {
    self.model = model
    self.config = config
    model.classWeights = config.classWeights.map { $0.map(Float.init) }
    let p = model.parameters
    switch config.optimizer {
    case .adam, .adamw:
      optimizer = Adam(
        for: p, learningRate: config.learningRate, weightDecay: config.weightDecay,
        decoupled: config.optimizer == .adamw)
    case .sgd:
      optimizer = SGD(
        for: p, learningRate: config.learningRate, momentum: config.momentum,
        weightDecay: config.weightDecay)
    case .rmsprop:
      optimizer = RMSprop(for: p, learningRate: config.learningRate, weightDecay: config.weightDecay)
    }
    optimizer.tensorRates = Self.rates(config, model, epoch: epoch)
  }

  /// The per-tensor rates of `model`'s tensors in `epoch` (see `TrainingConfig.tensorRates`).
  private static func rates(_ config: TrainingConfig, _ model: any SentimentModel, epoch: Int) -> [Double]? {
    config.tensorRates(
      names: model.parameters.namedTensors.map(\.name), layers: model.config.layers, epoch: epoch)
  }

  /// What went wrong in a step.
  public enum Failure: Error, Equatable {
    /// The loss or a gradient (named) is NaN or infinite.
    case nonFinite(String)
  }

  /// Trains on `sequences` (token ids, lengths ≥ 1) with `labels`; `generator` draws dropout.
  /// Returns the batch's loss, correct count and probabilities, measured before the update.
  @discardableResult
  public func run(sequences: [[Int32]], labels: [Int], using generator: inout SplitMix64) throws
    -> BatchOutcome
  {
    try FloatingPointMode.withSubnormalsFlushed {
      try update(sequences: sequences, labels: labels, using: &generator)
    }
  }

  private func update(sequences: [[Int32]], labels: [Int], using generator: inout SplitMix64)
    throws -> BatchOutcome
  {
    let gradients = model.gradients
    gradients.zero()
    let outcome =
      if let communicator {
        accumulateShare(sequences: sequences, labels: labels, communicator, using: &generator)
      } else {
        model.accumulateGradients(sequences: sequences, labels: labels, using: &generator)
      }
    if let bad = GradientClipping.firstNonFinite(in: gradients, loss: Float(outcome.loss)) {
      throw Failure.nonFinite(bad)
    }
    if let rates = optimizer.tensorRates {  // frozen tensors neither move nor count in the norm
      for (tensor, rate) in zip(gradients.namedTensors, rates) where rate == 0 { tensor.value.fill(0) }
    }
    if let clipNorm = config.clipNorm { _ = GradientClipping.clip(gradients, maxNorm: clipNorm) }
    optimizer.learningRate = config.schedule.learningRate(base: config.learningRate, step: updates)
    optimizer.update(model.parameters, along: gradients)
    return outcome
  }

  /// This rank's share of the batch through the model, then every rank's gradients and figures
  /// summed: the whole batch's gradient, loss, correct count and probabilities, on every rank.
  /// Dropout draws come from a generator of this batch and rank, so the ranks' shares get
  /// independent masks; `generator` advances by one draw on every rank alike.
  private func accumulateShare(
    sequences: [[Int32]], labels: [Int], _ communicator: Communicator,
    using generator: inout SplitMix64
  ) -> BatchOutcome {
    let shard = Shard(count: sequences.count, ranks: communicator.size)
    let members = shard.members(of: communicator.rank)
    var mixer = SplitMix64(
      seed: generator.next() ^ (UInt64(communicator.rank) &* 0xD1B5_4A32_D192_ED03))
    var shareGenerator = SplitMix64(seed: mixer.next())
    let own =
      members.isEmpty
      ? BatchOutcome(loss: 0, correct: 0, probabilities: [])
      : model.accumulateGradients(
        sequences: members.map { sequences[$0] }, labels: members.map { labels[$0] },
        using: &shareGenerator)
    let weight = Double(members.count) / Double(sequences.count)
    GradientReducer(communicator: communicator).reduce(model.gradients, weight: Float(weight))
    // Per rank: [n_r/B · loss_r, correct_r, the class probabilities of each member]
    let figures = communicator.allGather(
      [weight * own.loss, Double(own.correct)] + own.probabilities.flatMap { $0 })
    var loss = 0.0
    var correct = 0.0
    for part in figures {
      loss += part[0]
      correct += part[1]
    }
    return BatchOutcome(
      loss: loss, correct: Int(correct),
      probabilities: shard.reassemble(
        figures.map { Array($0.dropFirst(2)).chunked(into: model.config.classCount) }))
  }
}
