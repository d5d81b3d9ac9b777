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
  /// The class names in head-output order: output k is p(labels[k]). Taken from the training
  /// data (sorted, or as `--labels` gave them); a config.json written before models had more
  /// than two classes has none and reads as ["neg", "pos"]. `model.classCount` equals its count.
  public var labels: [String] = ["neg", "pos"]

  /// A configuration of the three parts, for the classes `labels` (the head's outputs are set
  /// to their count).
  public init(
    model: ModelConfig, text: TextConfig, training: TrainingConfig, labels: [String] = ["neg", "pos"]
  ) {
    self.model = model
    self.model.classCount = labels.count
    self.text = text
    self.training = training
    self.labels = labels
  }

  /// Reads every field; `labels` may be absent (["neg", "pos"]).
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    format = try c.decode(String.self, forKey: .format)
    formatVersion = try c.decode(Int.self, forKey: .formatVersion)
    model = try c.decode(ModelConfig.self, forKey: .model)
    text = try c.decode(TextConfig.self, forKey: .text)
    training = try c.decode(TrainingConfig.self, forKey: .training)
    epochsCompleted = try c.decode(Int.self, forKey: .epochsCompleted)
    try c.update(&labels, .labels)
  }
}
