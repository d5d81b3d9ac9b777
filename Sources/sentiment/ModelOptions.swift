import ArgumentParser
import SentimentKit

extension ModelConfig.Cell: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension GRUVariant: ExpressibleByArgument {}
extension MergeMode: ExpressibleByArgument {}
extension Readout: ExpressibleByArgument {}
extension Batcher.Side: ExpressibleByArgument {}
extension TrainingConfig.OptimizerKind: ExpressibleByArgument {}

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
  @Option(help: "What the head reads: the final state, or the mean or max over the steps.")
  var readout: Readout = .final
  @Option(help: "Dropout before the head while training.")
  var dropout = 0.0

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
    c.vocabularySize = vocabularySize
    if let problem = c.problem { throw ValidationError(problem) }
    return c
  }
}

/// The text and training options shared by `train` and `compare`.
struct TrainingOptions: ParsableArguments {
  @Option(help: "Words kept in the vocabulary, besides <pad> and <unk>.")
  var vocabSize = 20_000
  @Option(help: "Longest token sequence fed to the model.")
  var maxLength = 200
  @Option(help: "Which end of a longer review is cut: pre keeps the end, post keeps the start.")
  var truncation: Batcher.Side = .pre
  @Option(help: "Passes over the training reviews.")
  var epochs = 3
  @Option(help: "Reviews per update.")
  var batchSize = 64
  @Option(help: "Update rule.")
  var optimizer: TrainingConfig.OptimizerKind = .adam
  @Option(help: "Base learning rate.")
  var learningRate = 1e-3
  @Option(help: "SGD momentum.")
  var momentum = 0.9
  @Option(help: "Largest global gradient norm; 0 turns clipping off.")
  var clipNorm = 5.0
  @Flag(help: "Decay the learning rate along a cosine to 0 over the run (after 100 warm-up updates).")
  var cosine = false
  @Option(help: "Share of the training reviews held out for validation.")
  var validationFraction = 0.1
  @Option(help: "Stop after this many epochs without a lower validation loss; 0 never stops early.")
  var patience = 2
  @Option(help: "Seed of the split, the initial weights, the batch order and dropout.")
  var seed: UInt64 = 42
  @Option(help: "Use at most this many reviews of each split (balanced by label) for quick runs.")
  var limit: Int?

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
    c.optimizer = optimizer
    c.learningRate = learningRate
    c.momentum = momentum
    c.clipNorm = clipNorm > 0 ? clipNorm : nil
    if cosine { c.schedule = .warmupCosine(warmup: 100, total: max(101, epochs * updatesPerEpoch)) }
    c.validationFraction = validationFraction
    c.patience = patience > 0 ? patience : nil
    c.seed = seed
    c.reviewLimit = limit
    if let problem = c.problem { throw ValidationError(problem) }
    if let limit, limit < 2 { throw ValidationError("--limit must be at least 2") }
    return c
  }
}
