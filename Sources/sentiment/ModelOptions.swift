import ArgumentParser
import SentimentKit

extension ModelConfig.Cell: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension GRUVariant: ExpressibleByArgument {}
extension MergeMode: ExpressibleByArgument {}
extension Readout: ExpressibleByArgument {}
extension Batcher.Side: ExpressibleByArgument {}
extension TrainingConfig.OptimizerKind: ExpressibleByArgument {}
extension TrainingConfig.Monitor: ExpressibleByArgument {}

/// The learning-rate schedules `--schedule` names.
enum ScheduleKind: String, ExpressibleByArgument, CaseIterable {
  /// The base rate throughout.
  case constant
  /// 100 warm-up updates, then a cosine to 0 at the last update.
  case cosine
  /// ULMFiT's slanted triangle: up from base/32 over the first 10% of the updates, then down.
  case triangular
}

/// The architecture options shared by `train` and `compare`.
struct ModelOptions: ParsableArguments {
  @Option(help: "Recurrent cell.")
  var cell: ModelConfig.Cell = .lstm
  @Option(help: "Hidden units per direction.")
  var hidden = 64
  @Option(help: "Embedding width.")
  var embedding = 128
  @Option(help: "Stacked recurrent layers.")
  var layers = 1
  @Flag(inversion: .prefixedNo, help: "Run the encoder in both directions.")
  var bidirectional = true
  @Option(help: "How the two directions combine.")
  var merge: MergeMode = .concat
  @Option(help: "σ of Elman and Jordan cells.")
  var activation: Activation = .tanh
  @Flag(help: "LSTM with peephole connections.")
  var peephole = false
  @Flag(help: "LSTM with coupled input and forget gates (f = 1 − i).")
  var coupledGates = false
  @Option(help: "Added to the LSTM forget gate's bias at initialisation (Keras: 1, PyTorch: 0).")
  var forgetBias = 1.0
  @Option(help: "Where the GRU applies its reset gate: resetAfter (PyTorch) or resetBefore (Cho et al.).")
  var gruVariant: GRUVariant = .resetAfter
  @Option(help: "What the head reads: the final state, the mean or max over the steps, or concat (final ⊕ max ⊕ mean).")
  var readout: Readout = .concat
  @Option(help: "Dropout before the head while training.")
  var dropout = 0.5
  @Option(help: "Chance that a word type is dropped from a training batch (its vectors read as zero).")
  var wordDropout = 0.1
  @Option(help: "Locked dropout on the encoder's input: one mask per review, shared by its steps.")
  var inputDropout = 0.25
  @Option(help: "Locked dropout on the encoder's per-step output, before a pooled readout.")
  var outputDropout = 0.25
  @Option(help: "Dropout of the recurrent weights U, one mask per batch (DropConnect, as AWD-LSTM).")
  var weightDropout = 0.25

  /// The configuration these options describe, for a vocabulary of `vocabularySize` ids.
  func config(vocabularySize: Int) throws -> ModelConfig {
    var c = ModelConfig()
    c.cell = cell
    c.hiddenSize = hidden
    c.embeddingSize = embedding
    c.layers = layers
    c.bidirectional = bidirectional
    c.merge = merge
    c.activation = activation
    c.peephole = peephole
    c.coupledGates = coupledGates
    c.forgetBias = forgetBias
    c.gruVariant = gruVariant
    c.readout = readout
    c.dropout = dropout
    c.wordDropout = wordDropout
    c.inputDropout = inputDropout
    c.outputDropout = outputDropout
    c.weightDropout = weightDropout
    c.vocabularySize = vocabularySize
    if let problem = c.problem { throw ValidationError(problem) }
    return c
  }
}

/// The text and training options shared by `train` and `compare`.
struct TrainingOptions: ParsableArguments {
  @Option(help: "Words kept in the vocabulary, besides <pad> and <unk>.")
  var vocabSize = 20_000
  @Option(help: "Longest token sequence fed to the model (default: whole reviews).")
  var maxLength: Int?
  @Option(help: "Which end of a longer review is cut: pre keeps the end, post keeps the start.")
  var truncation: Batcher.Side = .pre
  @Option(help: "Passes over the training reviews.")
  var epochs = 4
  @Option(help: "Reviews per update.")
  var batchSize = 64
  @Option(help: "Most tokens in one batch: batches of long reviews hold fewer (0: no limit).")
  var maxBatchTokens = 32_768
  @Option(help: "Update rule.")
  var optimizer: TrainingConfig.OptimizerKind = .adamw
  @Option(help: "Base learning rate (the peak of the triangular schedule).")
  var learningRate = 3e-3
  @Option(help: "SGD momentum.")
  var momentum = 0.9
  @Option(help: "Weight decay: an L2 term in the gradient, or decoupled with --optimizer adamw.")
  var weightDecay = 0.01
  @Option(help: "Largest global gradient norm; 0 turns clipping off.")
  var clipNorm = 5.0
  @Option(help: "How the learning rate moves over the run.")
  var schedule: ScheduleKind = .triangular
  @Option(help: "Share of the training reviews held out for validation.")
  var validationFraction = 0.1
  @Option(help: "Stop after this many epochs without a better validation figure; 0 never stops early.")
  var patience = 2
  @Option(help: "The validation figure that picks the epoch kept at the end and drives early stopping.")
  var monitor: TrainingConfig.Monitor = .accuracy
  @Option(help: "Seed of the split, the initial weights, the batch order and dropout.")
  var seed: UInt64 = 42
  @Option(help: "Use at most this many reviews of each split (balanced by label) for quick runs.")
  var limit: Int?
  @Option(help: "Discriminative learning rates: each group below the head (recurrent layers top down, then the embedding) learns this factor slower than the one above (ULMFiT: 2.6).")
  var discriminativeFactor: Double?
  @Flag(help: "Gradual unfreezing: epoch 1 trains the head alone, each later epoch unfreezes the next group down.")
  var gradualUnfreezing = false

  /// Updates in one epoch over `trainCount` reviews less the validation share.
  func updatesPerEpoch(_ trainCount: Int) -> Int {
    let kept = trainCount - Int((Double(trainCount) * validationFraction).rounded())
    return max(1, (kept + batchSize - 1) / batchSize)
  }

  /// Text settings.
  func textConfig() throws -> TextConfig {
    var t = TextConfig()
    t.vocabularyWords = vocabSize
    t.maxLength = maxLength
    t.truncation = truncation
    t.unicodeVersion = Tokenizer.unicodeVersion
    if let problem = t.problem { throw ValidationError(problem) }
    return t
  }

  /// Training settings; `updatesPerEpoch` sizes the cosine schedule.
  func trainingConfig(updatesPerEpoch: Int) throws -> TrainingConfig {
    guard clipNorm >= 0 && clipNorm.isFinite else {
      throw ValidationError("--clip-norm must be 0 (no clipping) or a positive number, not \(clipNorm)")
    }
    guard patience >= 0 else {
      throw ValidationError("--patience must be 0 (never stop early) or more, not \(patience)")
    }
    var c = TrainingConfig()
    c.epochs = epochs
    c.batchSize = batchSize
    if maxBatchTokens < 0 { throw ValidationError("--max-batch-tokens must be 0 (no limit) or positive") }
    c.maxBatchTokens = maxBatchTokens > 0 ? maxBatchTokens : nil
    c.optimizer = optimizer
    c.learningRate = learningRate
    c.momentum = momentum
    c.weightDecay = weightDecay
    c.clipNorm = clipNorm > 0 ? clipNorm : nil
    let total = max(1, epochs * updatesPerEpoch)
    switch schedule {
    case .constant: c.schedule = .constant
    case .cosine: c.schedule = .warmupCosine(warmup: 100, total: max(101, total))
    case .triangular: c.schedule = .slantedTriangular(total: total, cutFraction: 0.1, ratio: 32)
    }
    c.validationFraction = validationFraction
    c.patience = patience > 0 ? patience : nil
    c.monitor = monitor
    c.seed = seed
    c.reviewLimit = limit
    c.discriminativeFactor = discriminativeFactor
    c.gradualUnfreezing = gradualUnfreezing
    if let problem = c.problem { throw ValidationError(problem) }
    if let limit, limit < 2 { throw ValidationError("--limit must be at least 2") }
    return c
  }
}
