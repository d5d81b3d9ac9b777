import Foundation

/// A PyTorch state_dict saved with `safetensors.torch.save_file` (F32, F64, F16 or BF16) made into
/// a model folder. The module it comes from has three children named as ours:
///   embedding  torch.nn.Embedding(V, E)                       "embedding.weight" [V, E]
///   lstm | gru | rnn  torch.nn.LSTM / GRU / RNN(E, H, num_layers=L, bidirectional=…,
///              batch_first=True)                              "lstm.weight_ih_l0" [G·H, E], …
///   head       torch.nn.Linear(F, 2)                          "head.weight" [2, F], "head.bias"
/// Cell, sizes, layers and directions are read off the tensors' names and shapes; what the
/// tensors cannot say (which states the head reads, RNN's nonlinearity, the vocabulary and the
/// text settings) is given. Every tensor is then checked by name and shape against the model
/// these describe, and the error lists each missing, unexpected or misshapen one.
public struct StateDictImport {
  /// The safetensors file.
  public let weights: Safetensors
  /// What the head reads (torch's h_n is `.final`).
  public var readout: Readout = .final
  /// `torch.nn.RNN`'s nonlinearity (tanh or relu).
  public var activation: Activation = .tanh

  /// Reads the header of the state_dict at `url`; throws `SafetensorsError`.
  public init(contentsOf url: URL) throws {
    weights = try Safetensors(contentsOf: url)
  }

  /// The encoders torch.nn has, by the state_dict prefix their module is named with.
  private static let cells: [(prefix: String, cell: ModelConfig.Cell, gates: Int)] = [
    ("lstm", .lstm, 4), ("gru", .gru, 3), ("rnn", .elman, 1),
  ]

  /// The architecture the tensors describe; throws `StateDictImportError` naming the tensor
  /// that does not fit.
  public func modelConfig() throws -> ModelConfig {
    let embedding = try shape(
      "embedding.weight", rank: 2, meaning: "[vocabulary size, embedding width]")
    let found = Self.cells.filter { weights.entry("\($0.prefix).weight_ih_l0") != nil }
    guard found.count == 1, let (prefix, cell, gates) = found.first else {
      let names = Self.cells.map { "\($0.prefix).weight_ih_l0" }.joined(separator: ", ")
      throw fail(
        found.isEmpty ? nil : found.map { "\($0.prefix).weight_ih_l0" }.joined(separator: ", "),
        found.isEmpty
          ? "no encoder: expected one of \(names) (a torch.nn.LSTM, GRU or RNN child named lstm, gru or rnn)"
          : "are two encoders; a model has one")
    }
    let input = try shape("\(prefix).weight_ih_l0", rank: 2, meaning: "[\(gates)·H, E]")
    let recurrent = try shape("\(prefix).weight_hh_l0", rank: 2, meaning: "[\(gates)·H, H]")
    let hidden = recurrent[1]
    guard hidden > 0, recurrent[0] == gates * hidden, input[0] == gates * hidden else {
      throw fail(
        "\(prefix).weight_hh_l0",
        "has shape \(recurrent) beside \(prefix).weight_ih_l0 \(input); a \(cell) with H units has "
          + "[\(gates)·H, H] and [\(gates)·H, E] (gate blocks \(gates))")
    }
    var config = ModelConfig()
    config.cell = cell
    config.activation = activation
    config.forgetBias = 0  // used only to initialise; every weight is loaded
    config.vocabularySize = embedding[0]
    config.embeddingSize = embedding[1]
    config.hiddenSize = hidden
    config.bidirectional = weights.entry("\(prefix).weight_ih_l0_reverse") != nil
    config.layers = 1
    while weights.entry("\(prefix).weight_ih_l\(config.layers)") != nil { config.layers += 1 }
    config.readout = readout
    let head = try shape("head.weight", rank: 2, meaning: "[classes, readout width]")
    config.classCount = head[0]
    let stepWidth = (config.bidirectional ? 2 : 1) * hidden
    let width = ((readout.readsFinal ? 1 : 0) + readout.poolings.count) * stepWidth
    if head[1] != width {
      let fits = Readout.allCases.filter {
        ((($0.readsFinal ? 1 : 0) + $0.poolings.count) * stepWidth) == head[1]
      }
      throw fail(
        "head.weight",
        "has \(head[1]) columns, but readout \(readout.rawValue) of \(config.displayName) with "
          + "\(hidden) units reads \(width) features"
          + (fits.isEmpty
            ? "" : " (readouts of \(head[1]): \(fits.map(\.rawValue).joined(separator: ", ")))"))
    }
    if let problem = config.problem {
      throw fail(nil, "describes a model that cannot be built: \(problem)")
    }
    return config
  }

  /// The model the tensors describe with every weight loaded (converted to Float); throws
  /// `StateDictImportError` or `SafetensorsError` (missing, unexpected or misshapen tensors, NaN).
  public func model() throws -> any SentimentModel {
    let config = try modelConfig()
    var generator = SplitMix64(seed: 0)  // any seed: every weight is overwritten
    let model = ModelFactory.make(config, using: &generator)
    try weights.load(into: model.parameters)
    return model
  }

  /// Writes the model folder at `url` (which must not exist yet) from these weights, the
  /// vocabulary of `vocab.txt` at `vocabularyPath` (one token a line, `<pad>` and `<unk>`
  /// first, as many as the embedding has rows) and `text`; all at once (`AtomicFolder`), so a
  /// failed import leaves nothing behind. Returns the folder's configuration.
  @discardableResult
  public func write(
    to url: URL, vocabularyPath: String, text: TextConfig, labels: [String] = ["neg", "pos"]
  ) throws -> ModelFolderConfig {
    guard !FileManager.default.fileExists(atPath: url.path) else {
      throw StateDictImportError(
        file: url.path, tensor: nil, reason: "exists already; import into a new folder")
    }
    let model = try model()
    let vocabulary = try Vocabulary(contentsOf: vocabularyPath, tokenizer: text.tokenizer)
    guard vocabulary.count == model.config.vocabularySize else {
      throw StateDictImportError(
        file: vocabularyPath, tensor: nil,
        reason: "has \(vocabulary.count) tokens, but embedding.weight of \(weights.file) has "
          + "\(model.config.vocabularySize) rows")
    }
    var textConfig = text
    textConfig.vocabularyWords = vocabulary.count - 2
    textConfig.unicodeVersion = Tokenizer.unicodeVersion  // the rules tokenizer.json spells out
    guard labels.count == model.config.classCount else {
      throw StateDictImportError(
        file: weights.file, tensor: "head.weight",
        reason: "scores \(model.config.classCount) classes, but the labels name \(labels.count) (\(labels.joined(separator: ", ")))")
    }
    var config = ModelFolderConfig(
      model: model.config, text: textConfig, training: TrainingConfig(), labels: labels)
    config.importedFrom = weights.file
    try AtomicFolder.replace(url) { staging in
      try ModelFolder(staging).save(model: model, vocabulary: vocabulary, config: config)
    }
    return config
  }

  // The shape of tensor `name`, which must exist and have `rank` dimensions.
  private func shape(_ name: String, rank: Int, meaning: String) throws -> [Int] {
    guard let entry = weights.entry(name) else { throw fail(name, "is missing (\(meaning))") }
    guard entry.shape.count == rank else {
      throw fail(name, "has shape \(entry.shape); expected \(rank) dimensions, \(meaning)")
    }
    return entry.shape
  }

  private func fail(_ tensor: String?, _ reason: String) -> StateDictImportError {
    StateDictImportError(file: weights.file, tensor: tensor, reason: reason)
  }
}
