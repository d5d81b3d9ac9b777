/// A model folder's `config.json`: the architecture, the text preprocessing and the training
/// settings, enough to rebuild the model, encode new text as it was trained, and resume training.
public struct ModelFolderConfig: Codable, Equatable, Sendable {
  /// Identifies the file's format.
  public var format = "sentimentkit-model"
  /// Format version; readers refuse versions they do not know.
  public var formatVersion = 1
  /// The network.
  public var model: ModelConfig
  /// Tokenizer, vocabulary size and truncation.
  public var text: TextConfig
  /// How it was (or is being) trained.
  public var training: TrainingConfig
  /// Epochs completed so far.
  public var epochsCompleted = 0

  /// A configuration of the three parts.
  public init(model: ModelConfig, text: TextConfig, training: TrainingConfig) {
    self.model = model
    self.text = text
    self.training = training
  }
}
