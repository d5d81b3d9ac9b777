/// One row of `sentiment classify`'s output: an input's source with its label and p(pos), or
/// with the reason it could not be classified.
public struct ClassificationRow: Equatable, Sendable {
  /// The file path, or "-:N" for line N of standard input.
  public let source: String
  /// `pos` when p(pos) ≥ the threshold, else `neg`; nil when the input failed.
  public let label: Review.Label?
  /// The model's p(pos); nil when the input failed.
  public let probability: Double?
  /// Why the input could not be classified; nil when it was.
  public let error: String?

  /// A classified input, labelled `pos` when `probability` ≥ `threshold`.
  public init(source: String, probability: Double, threshold: Double) {
    self.source = source
    self.label = probability >= threshold ? .pos : .neg
    self.probability = probability
    self.error = nil
  }

  /// An input that failed, with the reason.
  public init(source: String, error: String) {
    self.source = source
    self.label = nil
    self.probability = nil
    self.error = error
  }
}
