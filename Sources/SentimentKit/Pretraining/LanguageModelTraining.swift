import Foundation

/// Pretrains an `AnyLanguageModel` on token sequences (the train split's labelled and unlabelled
/// reviews; never test): Adam on the sampled-softmax loss over length-bucketed batches of the
/// reviews cut into short overlapping pieces (`LanguageModelConfig.chunkLength`), the rate warmed up over the first 1% of updates and cosine-decayed to 0, the global
/// gradient norm clipped. A seeded share of the reviews is held out; after each epoch (and once
/// before the first) their perplexity under the full softmax is measured. Every draw (split,
/// batch order, candidates) comes from the seed, so a run gives the same bits on every machine.
public struct LanguageModelTraining: Stage {
  /// The settings.
  public let config: LanguageModelConfig
  /// The model trained in place.
  public let model: AnyLanguageModel
  /// The ranks sharing each batch (see `GradientReducer`); nil: this process alone.
  public let communicator: Communicator?

  /// What pretraining gives besides the trained model.
  public struct Result {
    /// One record per epoch.
    public let epochs: [LanguageModelEpoch]
    /// Perplexity of the held-out reviews before training (nil with none held out).
    public let initialPerplexity: Double?
    /// The running loss, about twenty points an epoch.
    public let curve: [LanguageModelCurvePoint]
    /// Reviews trained on and held out.
    public let trainingReviews: Int
    /// Reviews whose perplexity is measured.
    public let heldOutReviews: Int
    /// Tokens of the training reviews.
    public let trainingTokens: Int
  }

  /// Pretraining of `model` with `config`, each batch shared among `communicator`'s ranks if
  /// given: rank r takes the batch's pieces `Shard` deals it, and the ranks' gradients are
  /// summed weighted by their shares of the batch's predictions, so that every rank takes the
  /// step one process would (the candidates are drawn alike on every rank from the same seed).
  public init(config: LanguageModelConfig, model: AnyLanguageModel, communicator: Communicator? = nil) {
    precondition(config.problem == nil, config.problem ?? "")
    self.config = config
    self.model = model
    self.communicator = communicator
  }

  /// "pretrain language model".
  public var name: String { "pretrain language model" }

  /// Trains on `sequences` (token ids; empty ones are left out), showing progress through `job`.
  public func run(_ sequences: [[Int32]], in job: Job) throws -> Result {
    try FloatingPointMode.withSubnormalsFlushed { try train(sequences, job) }
  }

  private func train(_ all: [[Int32]], _ job: Job) throws -> Result {
    let sequences = all.filter { $0.count > 1 }  // a single word predicts nothing
    guard sequences.count > 1 else { throw PretrainingError.noText("fewer than two reviews of two or more words") }
    var splitGenerator = SplitMix64(seed: config.seed ^ 0x4C4D_5350_4C49_5400)  // "LMSPLIT"
    var order = Array(sequences.indices)
    for last in stride(from: order.count - 1, to: 0, by: -1) {  // Fisher–Yates
      order.swapAt(last, Int(splitGenerator.next() % UInt64(last + 1)))
    }
    let heldOutCount = min(config.heldOutReviews, sequences.count / 10)
    let heldOut = order.prefix(heldOutCount).sorted().map { sequences[$0] }
    let training = order.dropFirst(heldOutCount).sorted().flatMap { config.pieces(of: sequences[$0]) }
    let reviewCount = sequences.count - heldOutCount

    let vocabulary = model.config.vocabularySize
    let counts = NoiseDistribution.counts(of: training, vocabularySize: vocabulary)
    guard counts[1...].contains(where: { $0 > 0 }) else { throw PretrainingError.noText("no words in the text") }
    let noise = NoiseDistribution(counts: counts, firstWord: 1)  // <unk> is a word to predict
    let tokens = training.reduce(0) { $0 + $1.count }
    let batcher = try Batcher(
      sequences: training, labels: [Int](repeating: 0, count: training.count), maxLength: nil)

    var optimizer = Adam(for: model.parameters, learningRate: config.learningRate)
    var generator = SplitMix64(seed: config.seed)
    let progress = job.progress(total: tokens * config.epochs, unit: .items("tokens"))
    let initial = heldOutPerplexity(heldOut)
    var epochs: [LanguageModelEpoch] = []
    var curve: [LanguageModelCurvePoint] = []
    var trained = 0
    var total: Int?  // updates in the run, known once the first epoch's batches are cut
    for epoch in 1...config.epochs {
      let clock = Date()
      var epochGenerator = SplitMix64(seed: config.seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
      let batches = batcher.shuffledBatches(
        size: config.batchSize, maxTokens: config.batchTokens, using: &epochGenerator)
      let updates = total ?? batches.count * config.epochs
      total = updates
      let schedule = Schedule.warmupCosine(warmup: max(1, updates / 100), total: updates)
      let pointEvery = max(1, batches.count / 20)
      var (epochLoss, epochPredictions) = (0.0, 0)
      var (pointLoss, pointPredictions) = (0.0, 0)
      for (b, batch) in batches.enumerated() {
        let rate = schedule.learningRate(base: config.learningRate, step: optimizer.stepCount)
        let (loss, predictions) = try update(
          batch.ids, noise: noise, optimizer: &optimizer, learningRate: rate, using: &generator,
          batch: (epoch, b + 1))
        epochLoss += loss * Double(predictions)
        epochPredictions += predictions
        pointLoss += loss * Double(predictions)
        pointPredictions += predictions
        trained += predictions
        if (b + 1) % pointEvery == 0 || b + 1 == batches.count, pointPredictions > 0 {
          curve.append(LanguageModelCurvePoint(predictions: trained, trainingLoss: pointLoss / Double(pointPredictions)))
          (pointLoss, pointPredictions) = (0, 0)
        }
        progress.advance(by: batch.ids.reduce(0) { $0 + $1.count })
        progress.detail = String(
          format: "epoch %d/%d, loss %.3f", epoch, config.epochs, epochLoss / Double(max(epochPredictions, 1)))
      }
      let trainingSeconds = Date().timeIntervalSince(clock)
      let perplexity = heldOutPerplexity(heldOut)
      epochs.append(LanguageModelEpoch(
        epoch: epoch, trainingLoss: epochLoss / Double(max(epochPredictions, 1)),
        heldOutPerplexity: perplexity,
        predictionsPerSecond: Double(epochPredictions) / max(trainingSeconds, 1e-9),
        seconds: Date().timeIntervalSince(clock)))
    }
    progress.finish()
    job.setItemCount(reviewCount)
    return Result(
      epochs: epochs, initialPerplexity: initial, curve: curve, trainingReviews: reviewCount,
      heldOutReviews: heldOut.count, trainingTokens: tokens)
  }

  /// One update on `sequences` (the training loop's, and the bench's): gradients zeroed, `K`
  /// candidates drawn from `noise` with `generator`, the batch's gradient (summed over the ranks
  /// when there are several), stop on NaN or ±∞ (naming `batch`: epoch and 1-based batch), the
  /// norm clipped, then Adam at `learningRate`. A batch without predictions changes nothing.
  /// Returns the batch's mean loss and its number of predictions.
  public func update(
    _ sequences: [[Int32]], noise: NoiseDistribution, optimizer: inout Adam<ParameterList<Float>>,
    learningRate: Double, using generator: inout SplitMix64, batch: (epoch: Int, index: Int)
  ) throws -> (loss: Double, predictions: Int) {
    model.gradients.zero()
    let candidates = CandidateSet.draw(count: config.candidates, from: noise, using: &generator)
    let (loss, predictions) = accumulate(sequences, candidates: candidates)
    guard predictions > 0 else { return (loss, predictions) }
    if let bad = GradientClipping.firstNonFinite(in: model.gradients, loss: Float(loss)) {
      throw PretrainingError.nonFinite(epoch: batch.epoch, batch: batch.index, what: bad)
    }
    if let clipNorm = config.clipNorm { GradientClipping.clip(model.gradients, maxNorm: clipNorm) }
    optimizer.learningRate = learningRate
    optimizer.update(model.parameters, along: model.gradients)
    return (loss, predictions)
  }

  /// One batch's mean loss and prediction count, with its gradients in `model.gradients`: this
  /// process's, or the sum over the ranks of their shares'. Predictions per piece of L tokens are
  /// (L − 1) per direction, so every rank knows the batch's total without asking.
  ///   g = Σ_r (M_r / M) g_r,   L = Σ_r (M_r / M) L_r
  private func accumulate(_ sequences: [[Int32]], candidates: CandidateSet) -> (loss: Double, predictions: Int) {
    guard let communicator else { return model.accumulateGradients(sequences: sequences, candidates: candidates) }
    let shard = Shard(count: sequences.count, ranks: communicator.size)
    let own = shard.members(of: communicator.rank).map { sequences[$0] }
    let (loss, predictions) = own.isEmpty
      ? (0, 0) : model.accumulateGradients(sequences: own, candidates: candidates)
    let directions = model.config.bidirectional ? 2 : 1
    let total = sequences.reduce(0) { $0 + directions * ($1.count - 1) }
    guard total > 0 else { return (0, 0) }
    let weight = Double(predictions) / Double(total)
    GradientReducer(communicator: communicator).reduce(model.gradients, weight: Float(weight))
    return (communicator.sum([weight * loss])[0], total)
  }

  /// e^{mean −log p} over the held-out reviews' predictions (full softmax), in batches of at
  /// most 8,192 tokens, the batches dealt among the ranks when there are several; nil with none.
  private func heldOutPerplexity(_ heldOut: [[Int32]]) -> Double? {
    guard !heldOut.isEmpty else { return nil }
    let sorted = heldOut.indices.sorted { (heldOut[$0].count, $0) < (heldOut[$1].count, $1) }
    let groups = Batcher.groups(sorted, size: 64, maxTokens: 8192, length: { heldOut[$0].count })
    let shard = Shard(count: groups.count, ranks: communicator?.size ?? 1)
    var (total, count) = (0.0, 0.0)
    for g in shard.members(of: communicator?.rank ?? 0) {
      let (t, n) = model.negativeLogLikelihood(of: groups[g].map { heldOut[$0] })
      total += t
      count += Double(n)
    }
    if let communicator { (total, count) = { ($0[0], $0[1]) }(communicator.sum([total, count])) }
    return count > 0 ? Foundation.exp(total / count) : nil
  }
}
