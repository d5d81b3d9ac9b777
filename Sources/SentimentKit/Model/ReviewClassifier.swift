/// A trained model of any kind, as `evaluate`, `classify`, the reports and the model folders
/// see it: raw review text in, a probability per class out. Each kind (`ModelKind`) conforms once; nothing
/// above this protocol asks which kind it holds.
public protocol ReviewClassifier {
  /// Which kind it is, as config.json names it.
  var kind: ModelKind { get }
  /// The class names in output order (config.json's `labels`; linear and ensemble models are
  /// binary: neg, pos).
  var labels: [String] { get }
  /// A short human name, e.g. "BiLSTM" or "NBSVM uni+bi+tri (logistic regression)".
  var displayName: String { get }
  /// Trained scalars.
  var parameterCount: Int { get }
  /// What a report's model section shows: (setting, value) rows.
  var settings: [(String, String)] { get }
  /// p(pos) at or above which `classify` says pos unless told otherwise: fitted on validation
  /// where the kind fits one, else ½.
  var decisionThreshold: Double { get }
  /// How texts are split into words (a text with no tokens has no probability).
  var tokenizer: Tokenizer { get }
  /// The reviews the model was trained on, so `evaluate` scores it on the same sample of the
  /// test split and an ensemble fits its weight on the same held-out reviews.
  var sample: TrainingSample { get }
  /// The class probabilities of each text (one per label, in `labels` order), in order; nil for
  /// a text with no words (no tokens at all). Texts are processed together (on all cores), so
  /// pass a chunk at a time when there are many.
  func classProbabilities(ofTexts texts: [String]) -> [[Double]?]
  /// A model of this kind that has not seen the reviews of `train` outside `kept`: itself when
  /// its training held them out, else the same settings refitted on the `kept` ones.
  func heldOutTwin(train: LabelledTexts, kept: [Int], job: Job) throws -> any ReviewClassifier
}
