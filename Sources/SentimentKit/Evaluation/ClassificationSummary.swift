/// What a `BatchClassifier` run did: rows written, and how many of them are errors.
public struct ClassificationSummary: Equatable, Sendable {
  /// Rows written: one per input.
  public var rows = 0
  /// Rows for inputs that could not be classified.
  public var failures = 0

  /// No rows yet.
  public init() {}
}
