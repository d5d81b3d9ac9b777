/// One row of `sentiment classify`'s output: an input's source with its predicted class, that
/// class's probability and every class's, or with the reason it could not be classified.
public struct ClassificationRow: Equatable, Sendable {
  /// The file path, or "-:N" for line N of standard input.
  public let source: String
  /// The predicted class; nil when the input failed.
  public let label: String?
  /// The predicted class's probability; nil when the input failed.
  public let probability: Double?
  /// Every class's probability, in the model's label order; empty when the input failed.
  public let probabilities: [Double]
  /// Why the input could not be classified; nil when it was.
  public let error: String?

  /// A classified input with class probabilities `p` over `labels`: with two classes the second
  /// (pos) is predicted when its probability is at least `threshold`; with more, the most
  /// probable class (`PredictedClass`).
  public init(source: String, probabilities p: [Double], labels: [String], threshold: Double) {
    precondition(p.count == labels.count, "one probability per class")
    let predicted = p.count == 2 ? (p[1] >= threshold ? 1 : 0) : PredictedClass.of(p)
    self.source = source
    self.label = labels[predicted]
    self.probability = p[predicted]
    self.probabilities = p
    self.error = nil
  }

  /// An input that failed, with the reason.
  public init(source: String, error: String) {
    self.source = source
    self.label = nil
    self.probability = nil
    self.probabilities = []
    self.error = error
  }
}
