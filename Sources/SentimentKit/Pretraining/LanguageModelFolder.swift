import Foundation

/// A pretrained language model with the vocabulary and text settings it was trained with: what
/// `sentiment pretrain --objective language-model` writes and `sentiment train --init` starts a
/// classifier's embedding and encoder from. On disk a folder:
///   model.safetensors   "embedding.weight", the encoder's tensors under the classifier's names
///                       ("lstm.weight_ih_l0", … "_reverse"), "head.weight" [V, D], "head.bias"
///   vocab.txt           the vocabulary (see `Vocabulary`)
///   config.json         format, architecture, text settings, pretraining settings and figures
public struct LanguageModelFolder {
  /// What config.json holds.
  public struct Config: Codable, Equatable, Sendable {
    /// Identifies the file's format.
    public var format = Self.formatName
    /// Format version.
    public var formatVersion = 1
    /// The embedding and encoder (a classifier's `ModelConfig`; its head is not part of this).
    public var model: ModelConfig
    /// How text became ids.
    public var text: TextConfig
    /// How the model was pretrained.
    public var pretraining: LanguageModelConfig
    /// One record per epoch.
    public var epochs: [LanguageModelEpoch]
    /// Held-out perplexity before training.
    public var initialPerplexity: Double?
    /// The running training loss.
    public var curve: [LanguageModelCurvePoint]
    /// Reviews trained on, and held out for perplexity.
    public var trainingReviews: Int
    /// Reviews held out.
    public var heldOutReviews: Int
    /// Tokens trained on per epoch.
    public var trainingTokens: Int
    /// The word-vectors folder the embedding started from, if any.
    public var initialisedFrom: String?
    /// The command line that made the model.
    public var command: String?
    /// Seconds of the whole pretraining job.
    public var seconds: Double?
    /// The job's peak resident memory, MiB.
    public var peakMiB: Double?

    /// config.json's format name.
    public static let formatName = "sentimentkit-language-model"

    /// The record of one run.
    public init(
      model: ModelConfig, text: TextConfig, pretraining: LanguageModelConfig,
      result: LanguageModelTraining.Result
    ) {
      self.model = model
      self.text = text
      self.pretraining = pretraining
      epochs = result.epochs
      initialPerplexity = result.initialPerplexity
      curve = result.curve
      trainingReviews = result.trainingReviews
      heldOutReviews = result.heldOutReviews
      trainingTokens = result.trainingTokens
    }
  }

  /// The folder.
  public let folder: URL
  /// The settings and figures.
  public let config: Config
  /// The vocabulary the ids follow.
  public let vocabulary: Vocabulary
  /// The weights, read from model.safetensors and checked against `config.model`.
  public let parameters: ParameterList<Float>

  /// Writes the folder (weights and vocabulary first, config.json last), each file atomically.
  public static func save(
    _ model: AnyLanguageModel, vocabulary: Vocabulary, config: Config, in folder: URL
  ) throws {
    try PretrainedFolderFiles.write(
      model.parameters.namedTensors, to: "model.safetensors", vocabulary: vocabulary,
      config: config, in: folder)
  }

  /// Reads a folder `save` wrote: every tensor the architecture has must be there with its
  /// shape, finite; errors name the folder, the tensor and what is wrong.
  public init(contentsOf folder: URL) throws {
    let fail = { (reason: String) in PretrainingError.badFolder(folder: folder.path, reason: reason) }
    let config = try PretrainedFolderFiles.readConfig(
      Config.self, in: folder, kind: "language-model", format: Config.formatName,
      header: { ($0.format, $0.formatVersion) })
    if let problem = LanguageModelConfig.problem(of: config.model) { throw fail("config.json: \(problem)") }
    let vocabulary = try Vocabulary(
      contentsOf: folder.appendingPathComponent("vocab.txt").path, tokenizer: config.text.tokenizer)
    guard vocabulary.count == config.model.vocabularySize else {
      throw fail("vocab.txt has \(vocabulary.count) ids, config.json's model \(config.model.vocabularySize)")
    }
    var generator = SplitMix64(seed: 0)
    let model = ModelFactory.makeLanguageModel(config.model, using: &generator)
    let file = try Safetensors(contentsOf: folder.appendingPathComponent("model.safetensors"))
    for tensor in model.parameters.namedTensors {
      let stored = try file.matrix(tensor.name, as: Float.self)
      guard stored.rows == tensor.value.rows, stored.cols == tensor.value.cols else {
        throw fail("model.safetensors: \(tensor.name) is \(stored.rows) × \(stored.cols), the architecture needs \(tensor.value.rows) × \(tensor.value.cols)")
      }
      guard stored.scalars.allSatisfy(\.isFinite) else { throw fail("model.safetensors: \(tensor.name) holds NaN or ±∞") }
      tensor.value.assign(stored)
    }
    self.folder = folder
    self.config = config
    self.vocabulary = vocabulary
    parameters = model.parameters
  }

  /// Copies the embedding and encoder into a classifier's `parameters` (named as a classifier
  /// names them); `classifier` must have the same cell, sizes, directions, layers and
  /// vocabulary, and the error lists what differs.
  public func initialise(_ classifierParameters: ParameterList<Float>, classifier: ModelConfig) throws {
    let differences = Self.encoderDifferences(config.model, classifier)
    guard differences.isEmpty else {
      throw PretrainingError.badFolder(
        folder: folder.path,
        reason: "the language model and the classifier differ: " + differences.joined(separator: "; ")
          + " (train the classifier with the language model's architecture)")
    }
    let pretrained = Dictionary(uniqueKeysWithValues: parameters.namedTensors.map { ($0.name, $0.value) })
    for tensor in classifierParameters.namedTensors where !tensor.name.hasPrefix("head.") {
      guard let value = pretrained[tensor.name], value.rows == tensor.value.rows, value.cols == tensor.value.cols else {
        throw PretrainingError.badFolder(folder: folder.path, reason: "no \(tensor.name) of the classifier's shape")
      }
      tensor.value.assign(value)
    }
  }

  /// What two architectures disagree on among the fields that shape or define the embedding and
  /// encoder, as "hidden size 128 here, 64 there".
  static func encoderDifferences(_ a: ModelConfig, _ b: ModelConfig) -> [String] {
    var out: [String] = []
    func compare<V: Equatable>(_ name: String, _ key: KeyPath<ModelConfig, V>) {
      if a[keyPath: key] != b[keyPath: key] {
        out.append("\(name) \(a[keyPath: key]) in the language model, \(b[keyPath: key]) in the classifier")
      }
    }
    compare("cell", \.cell)
    compare("activation", \.activation)
    compare("peephole", \.peephole)
    compare("coupled gates", \.coupledGates)
    compare("GRU variant", \.gruVariant)
    compare("bidirectional", \.bidirectional)
    compare("layers", \.layers)
    compare("embedding size", \.embeddingSize)
    compare("hidden size", \.hiddenSize)
    compare("vocabulary size", \.vocabularySize)
    return out
  }
}
