import Foundation

/// What `sentiment train --init FOLDER` (and a language model's own pretraining) starts from:
/// word vectors (the embedding alone) or a pretrained language model (embedding and encoder),
/// told apart by the folder's config.json format. Either fixes the vocabulary and tokenizer.
public enum PretrainedStart {
  /// Skip-gram vectors for the embedding.
  case wordVectors(WordVectors)
  /// A language model's embedding and encoder.
  case languageModel(LanguageModelFolder)

  /// Reads the folder, whichever kind it is; errors name the folder and what is wrong.
  public init(contentsOf folder: URL) throws {
    struct Format: Decodable { let format: String? }
    let data = FileManager.default.contents(atPath: folder.appendingPathComponent("config.json").path)
    let format = data.flatMap { try? JSONDecoder().decode(Format.self, from: $0) }?.format
    if format == LanguageModelFolder.Config.formatName {
      self = .languageModel(try LanguageModelFolder(contentsOf: folder))
    } else {
      self = .wordVectors(try WordVectors(contentsOf: folder))  // its errors say what is missing
    }
  }

  /// The vocabulary the weights follow.
  public var vocabulary: Vocabulary {
    switch self {
    case .wordVectors(let v): return v.vocabulary
    case .languageModel(let m): return m.vocabulary
    }
  }

  /// How text became ids.
  public var text: TextConfig {
    switch self {
    case .wordVectors(let v): return v.config.text
    case .languageModel(let m): return m.config.text
    }
  }

  /// "word vectors" or "language model", for reports.
  public var kind: String {
    switch self {
    case .wordVectors: return "word vectors"
    case .languageModel: return "language model"
    }
  }

  /// Copies the pretrained weights into `parameters` of a model of architecture `config`: the
  /// embedding from word vectors (rescaled, see `WordVectors.initialise`), or the embedding and
  /// encoder from a language model.
  public func initialise(_ parameters: ParameterList<Float>, config: ModelConfig) throws {
    switch self {
    case .wordVectors(let vectors):
      guard let embedding = parameters.namedTensors.first(where: { $0.name == "embedding.weight" }) else {
        preconditionFailure("every model has an embedding")
      }
      try vectors.initialise(embedding.value)
    case .languageModel(let model):
      try model.initialise(parameters, classifier: config)
    }
  }
}
