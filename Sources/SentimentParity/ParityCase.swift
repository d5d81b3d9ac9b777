import SentimentKit
/// What a parity file holds, told by its description (never its name): a torch.nn recurrent
/// layer, or the whole classifier with one Adam step.
public enum ParityCase {
  /// torch.nn.RNN, LSTM or GRU on a padded batch.
  case layer(TorchLayer)
  /// Embedding → recurrent layer → Linear(2) → log_softmax, then one Adam step.
  case classifier(ClassifierSpec)

  /// The case `file` describes; nil when its description names no model modelled here. Throws
  /// when it names one with settings not modelled, or its fields are malformed.
  public init?(_ file: ParityFile) throws {
    if let layer = try TorchLayer(describedIn: file) {
      self = .layer(layer)
    } else if let spec = try ClassifierSpec(describedIn: file) {
      self = .classifier(spec)
    } else {
      return nil
    }
  }

  /// Runs `file` in Float through the code training runs: `Recurrent` or `Bidirectional` forward
  /// and backward for a layer; for the classifier, the model `ModelFactory` builds, trained one
  /// step by `TrainingStep`.
  public func runTrainingPath(_ file: ParityFile, tolerances: ParityTolerances) throws
    -> ParityResult
  {
    switch self {
    case .layer(let layer): return try layer.run(file, as: Float.self, tolerances: tolerances)
    case .classifier(let spec): return try spec.runTrainingStep(file, tolerances: tolerances)
    }
  }
}
