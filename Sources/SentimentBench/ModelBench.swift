import SentimentKit

/// Times one bench model: training with `TrainingStep` (Adam, lr 1e-3, batch 64, no clipping, as
/// the peers), then classification of raw test text.
public struct ModelBench {
  /// Tokens a review counts for, whatever its length: the peers' maxlen.
  public static let maxLength = 200
  /// Reviews per training batch.
  public static let batchSize = 64

  /// The training reviews, encoded and cut to their last 200 tokens, with their labels.
  public let train: Batcher
  /// Raw test review texts and their labels.
  public let testTexts: [String]
  public let testLabels: [Int]
  /// Encodes the test text.
  public let vocabulary: Vocabulary

  /// A bench of training on `train` and classifying `testTexts` (labels `testLabels`).
  public init(train: Batcher, testTexts: [String], testLabels: [Int], vocabulary: Vocabulary) {
    self.train = train
    self.testTexts = testTexts
    self.testLabels = testLabels
    self.vocabulary = vocabulary
  }

  /// Trains `model` on its first `batches` batches (0: the whole epoch) after one untimed
  /// warm-up batch, then classifies every test text; batches come from length-sorted windows of
  /// `window` batches (1: unsorted); `seed` draws the weights and batch order.
  public func run(_ kind: BenchModel, batches: Int, window: Int, seed: UInt64) throws -> ModelFigures {
    var generator = SplitMix64(seed: seed)
    let config = kind.config
    let model = ModelFactory.make(config, using: &generator)
    var training = TrainingConfig()
    training.learningRate = 1e-3
    training.batchSize = Self.batchSize
    training.clipNorm = nil
    let step = TrainingStep(model: model, config: training)

    let epoch = train.shuffledBatches(size: Self.batchSize, window: window, using: &generator)
    let timed = batches > 0 ? Array(epoch.prefix(batches)) : epoch
    try step.run(sequences: timed[0].ids, labels: timed[0].labels, using: &generator)
    var flops = 0.0
    var reviews = 0
    var loss = 0.0
    let stopwatch = Stopwatch()
    for batch in timed {
      loss = try step.run(sequences: batch.ids, labels: batch.labels, using: &generator).loss
      reviews += batch.count
      flops += FlopCount.training(config, lengths: batch.lengths)
    }
    let seconds = stopwatch.seconds
    let share = Double(reviews) / Double(train.count)

    let (probabilities, inferSeconds, inferFlops) = classify(model, config)
    let correct = zip(probabilities, testLabels).filter { ($0 >= 0.5 ? 1 : 0) == $1 }.count
    return ModelFigures(
      name: kind.rawValue,
      trainTokensPerSecond: Double(reviews * Self.maxLength) / seconds,
      trainReviews: reviews, trainSeconds: seconds, secondsPerEpoch: seconds / share,
      epochShare: share, lastLoss: loss,
      inferReviewsPerSecond: Double(testTexts.count) / inferSeconds,
      inferReviews: testTexts.count, inferSeconds: inferSeconds,
      inferAccuracy: Double(correct) / Double(max(1, testTexts.count)),
      gflops: flops / seconds / 1e9, inferGflops: inferFlops / inferSeconds / 1e9)
  }

  /// Raw text → probabilities, timed: tokenize and encode, keep the last 200 ids, classify.
  private func classify(_ model: any SentimentModel, _ config: ModelConfig)
    -> (probabilities: [Double], seconds: Double, flops: Double)
  {
    var text = TextConfig()
    text.maxLength = Self.maxLength
    let stopwatch = Stopwatch()
    let ids = vocabulary.encode(testTexts).map { ids in
      ids.isEmpty ? [Vocabulary.unknownID] : text.truncated(ids)
    }
    let probabilities = model.probabilities(ofMany: ids).map { $0[1] }  // p(pos)
    let seconds = stopwatch.seconds
    return (probabilities, seconds, FlopCount.forward(config, lengths: ids.map(\.count)))
  }
}
