import SentimentKit

/// Times the two workloads beyond the 200-token bench models, on the train split's reviews read
/// whole: a BiLSTM classifier trained on whole reviews (batches of at most 64 reviews and 32,768
/// tokens, bucketed by length, as `sentiment train` cuts them), and the BiLSTM language model of
/// `sentiment pretrain --objective language-model` (its default pieces, batches and 1,024
/// sampled candidates, each step through `LanguageModelTraining.update`, clipping included).
/// Each runs one untimed warm-up batch, then `batches` timed ones; the figures are tokens per
/// second and the GFLOP/s of their matrix-product arithmetic (see `FlopCount`), to be read
/// against the same run's sgemm.
public struct WorkloadBench {
  /// Whole train-split reviews (an empty one as one OOV id) and their labels.
  public let sequences: [[Int32]]
  public let labels: [Int]

  /// A bench of whole `sequences` with their `labels`.
  public init(sequences: [[Int32]], labels: [Int]) {
    self.sequences = sequences
    self.labels = labels
  }

  /// The whole-review classifier's and the language model's rows.
  public func run(batches: Int, sgemmGflops: Double, fastestSgemmGflops: Double, seed: UInt64) throws -> BenchSection {
    let config = BenchModel.bilstm.config
    let batcher = try Batcher(sequences: sequences, labels: labels, maxLength: nil)
    var generator = SplitMix64(seed: seed)

    let model = ModelFactory.make(config, using: &generator)
    var training = TrainingConfig()
    training.clipNorm = nil
    let step = TrainingStep(model: model, config: training)
    let classifierBatches = Array(
      batcher.shuffledBatches(size: 64, maxTokens: 32_768, using: &generator).prefix(batches + 1))
    try step.run(sequences: classifierBatches[0].ids, labels: classifierBatches[0].labels, using: &generator)
    var (tokens, flops) = (0, 0.0)
    var stopwatch = Stopwatch()
    for batch in classifierBatches.dropFirst() {
      try step.run(sequences: batch.ids, labels: batch.labels, using: &generator)
      tokens += batch.lengths.reduce(0, +)
      flops += FlopCount.training(config, lengths: batch.lengths)
    }
    let wholeSeconds = stopwatch.seconds
    let (wholeTokens, wholeGflops) = (Double(tokens) / wholeSeconds, flops / wholeSeconds / 1e9)

    let languageModel = ModelFactory.makeLanguageModel(config, using: &generator)
    let pretraining = LanguageModelConfig()
    let trainer = LanguageModelTraining(config: pretraining, model: languageModel)
    let noise = NoiseDistribution(
      counts: NoiseDistribution.counts(of: sequences, vocabularySize: config.vocabularySize), firstWord: 1)
    var optimizer = Adam(for: languageModel.parameters, learningRate: pretraining.learningRate)
    let pieces = sequences.flatMap { pretraining.pieces(of: $0) }
    let pieceBatcher = try Batcher(sequences: pieces, labels: [Int](repeating: 0, count: pieces.count), maxLength: nil)
    let lmBatches = Array(
      pieceBatcher.shuffledBatches(
        size: pretraining.batchSize, maxTokens: pretraining.batchTokens, using: &generator
      ).prefix(batches + 1))
    func lmStep(_ batch: Batch, _ index: Int) throws -> Int {
      try trainer.update(
        batch.ids, noise: noise, optimizer: &optimizer, learningRate: pretraining.learningRate,
        using: &generator, batch: (1, index)
      ).predictions
    }
    _ = try lmStep(lmBatches[0], 1)
    (tokens, flops) = (0, 0)
    stopwatch = Stopwatch()
    for (index, batch) in lmBatches.dropFirst().enumerated() {
      let predictions = try lmStep(batch, index + 2)
      tokens += batch.lengths.reduce(0, +)
      flops += FlopCount.languageModelTraining(
        config, lengths: batch.lengths, predictions: predictions, candidates: pretraining.candidates)
    }
    let lmSeconds = stopwatch.seconds
    let (lmTokens, lmGflops) = (Double(tokens) / lmSeconds, flops / lmSeconds / 1e9)
    return BenchSection(
      title: "Whole reviews and language-model pretraining (BiLSTM)",
      rows: [
        .init(name: "classifier on whole reviews: train tokens/s", value: wholeTokens, unit: ""),
        .init(name: "classifier on whole reviews: GFLOP/s", value: wholeGflops, unit: "GFLOP/s"),
        .init(name: "classifier on whole reviews: % of sgemm", value: 100 * wholeGflops / sgemmGflops, unit: "%"),
        .init(name: "classifier on whole reviews: % of fastest sgemm", value: 100 * wholeGflops / fastestSgemmGflops, unit: "%"),
        .init(name: "language model: train tokens/s", value: lmTokens, unit: ""),
        .init(name: "language model: GFLOP/s", value: lmGflops, unit: "GFLOP/s"),
        .init(name: "language model: % of sgemm", value: 100 * lmGflops / sgemmGflops, unit: "%"),
        .init(name: "language model: % of fastest sgemm", value: 100 * lmGflops / fastestSgemmGflops, unit: "%"),
      ],
      notes: [
        "\(batches) timed batches each after a warm-up one, from the train split read whole (no 200-token cut). "
          + "The classifier's batches hold at most 64 reviews and 32,768 tokens, bucketed by length; the "
          + "language model's at most \(pretraining.batchSize) pieces of \(pretraining.chunkLength.map(String.init) ?? "whole") tokens and \(pretraining.batchTokens) tokens, "
          + "both directions predicting over \(pretraining.candidates) sampled candidates. GFLOP/s counts "
          + "the matrix products (FlopCount), the sampled softmax's 6·D·K per prediction included."
      ])
  }
}
