import Foundation

/// A trained model on disk: a folder holding `model.safetensors` (weights under PyTorch-style
/// names, with config.json's text in the safetensors metadata), `config.json` and `vocab.txt`.
public struct ModelFolder {
  /// The folder.
  public let url: URL

  /// The folder at `url` (which need not exist yet).
  public init(_ url: URL) { self.url = url }

  /// What `load` returns.
  public struct LoadedModel {
    /// The rebuilt model with its weights.
    public let model: any SentimentModel
    /// The vocabulary it was trained with.
    public let vocabulary: Vocabulary
    /// Architecture, text and training settings.
    public let config: ModelFolderConfig
  }

  var weightsURL: URL { url.appendingPathComponent("model.safetensors") }
  var configURL: URL { url.appendingPathComponent("config.json") }
  var vocabularyURL: URL { url.appendingPathComponent("vocab.txt") }

  /// Writes weights and vocabulary, then config.json, each atomically, so a folder whose
  /// config.json is present is complete.
  public func save(model: any SentimentModel, vocabulary: Vocabulary, config: ModelFolderConfig) throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json = try encoder.encode(config)
    try Safetensors.write(
      model.parameters, metadata: ["format": "pt", "config": String(decoding: json, as: UTF8.self)],
      to: weightsURL)
    try vocabulary.write(to: vocabularyURL.path)
    try json.write(to: configURL, options: .atomic)
  }

  /// Reads the folder back; every problem is an error naming the file.
  public func load() throws -> LoadedModel {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
      throw ModelFolderError(file: url.path, problem: "no model folder here")
    }
    for file in [configURL, weightsURL, vocabularyURL] where !FileManager.default.fileExists(atPath: file.path) {
      throw ModelFolderError(file: file.path, problem: "missing")
    }
    let config: ModelFolderConfig
    do {
      config = try JSONDecoder().decode(ModelFolderConfig.self, from: Data(contentsOf: configURL))
    } catch {
      throw ModelFolderError(file: configURL.path, problem: "not a model configuration (\(error))")
    }
    guard config.format == "sentimentkit-model", config.formatVersion == 1 else {
      throw ModelFolderError(
        file: configURL.path, problem: "unknown format \(config.format) version \(config.formatVersion)")
    }
    if let problem = config.model.problem { throw ModelFolderError(file: configURL.path, problem: problem) }
    let vocabulary = try Vocabulary(contentsOf: vocabularyURL.path, tokenizer: config.text.tokenizer)
    guard vocabulary.count == config.model.vocabularySize else {
      throw ModelFolderError(
        file: vocabularyURL.path,
        problem: "has \(vocabulary.count) tokens but config.json says the model has \(config.model.vocabularySize)")
    }
    var generator = SplitMix64(seed: 0)  // every weight is then read from the file
    let model = ModelFactory.make(config.model, using: &generator)
    try Safetensors(contentsOf: weightsURL).load(into: model.parameters)
    return LoadedModel(model: model, vocabulary: vocabulary, config: config)
  }
}

/// A model folder that cannot be read: the file and what is wrong with it.
public struct ModelFolderError: Error, CustomStringConvertible, Equatable {
  /// The folder or file at fault.
  public let file: String
  /// What is wrong.
  public let problem: String

  /// "<file>: <problem>".
  public var description: String { "\(file): \(problem)" }
}
