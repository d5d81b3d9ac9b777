/// A recurrent model folder's model as a `ReviewClassifier`: texts encoded with its vocabulary
/// and truncated as its text settings say, then classified in length-sorted batches.
extension LoadedModel: ReviewClassifier {
  /// `.recurrent`.
  public var kind: ModelKind { .recurrent }

  /// The architecture's name, e.g. "BiLSTM".
  public var displayName: String { config.model.displayName }

  /// Trainable scalars.
  public var parameterCount: Int { model.parameterCount }

  /// The classes config.json records.
  public var labels: [String] { config.labels }

  /// ½: the recurrent trainer fits no threshold.
  public var decisionThreshold: Double { 0.5 }

  /// The vocabulary's tokenizer.
  public var tokenizer: Tokenizer { vocabulary.tokenizer }

  /// The training configuration's review limit, seed and validation share.
  public var sample: TrainingSample {
    TrainingSample(
      limit: config.training.reviewLimit, seed: config.training.seed,
      validationFraction: config.training.validationFraction)
  }

  /// Itself: the trainer held out the validation reviews (they chose when to stop, no more).
  public func heldOutTwin(train: LabelledTexts, kept: [Int], job: Job) throws -> any ReviewClassifier {
    self
  }

  /// Architecture and text settings.
  public var settings: [(String, String)] { Self.settings(config) }

  /// The architecture and text settings of `config`.
  static func settings(_ config: ModelFolderConfig) -> [(String, String)] {
    let m = config.model
    var rows = [
      ("architecture", m.displayName),
      ("embedding", "\(m.vocabularySize) × \(m.embeddingSize)"),
      ("hidden units per direction", "\(m.hiddenSize)"),
      ("layers", "\(m.layers)"),
    ]
    if m.bidirectional { rows.append(("merge", m.merge.rawValue)) }
    rows.append(("readout", m.readout.rawValue))
    rows.append(("dropout", TrainingReport.describe(m.regularisation)))
    let t = config.text
    rows.append((
      "text",
      "lowercase \(t.lowercases), \(t.vocabularyWords) words, max length: \(t.lengthDescription), "
        + "truncation \(t.truncation.rawValue)"
    ))
    return rows
  }

  /// The class probabilities of each text with at least one token; nil for the others.
  public func classProbabilities(ofTexts texts: [String]) -> [[Double]?] {
    let encoded = vocabulary.encode(texts).map(config.text.truncated)
    let sequences = encoded.filter { !$0.isEmpty }
    var probabilities = (sequences.isEmpty ? [] : model.probabilities(ofMany: sequences))
      .makeIterator()
    return encoded.map { $0.isEmpty ? nil : probabilities.next() }
  }
}
