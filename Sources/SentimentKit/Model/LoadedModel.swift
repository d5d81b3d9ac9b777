/// A model read back from a `ModelFolder`: the network with its trained weights, the vocabulary
/// to encode text with, and the folder's configuration.
public struct LoadedModel {
  /// The network, built from `config.model` and filled from `model.safetensors`.
  public let model: any SentimentModel
  /// From `vocab.txt`, with the tokenizer `config.text` describes.
  public let vocabulary: Vocabulary
  /// From `config.json`.
  public let config: ModelFolderConfig

  /// The three parts of a model folder.
  public init(model: any SentimentModel, vocabulary: Vocabulary, config: ModelFolderConfig) {
    self.model = model
    self.vocabulary = vocabulary
    self.config = config
  }
}
