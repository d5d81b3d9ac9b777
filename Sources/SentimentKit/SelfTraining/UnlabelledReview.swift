/// A review with no label, as self-training reads it: its text and where it came from (an
/// archive entry or a file), so that errors and reports can name it.
public struct UnlabelledReview: Sendable, Equatable {
  /// Where the review came from.
  public var source: String
  /// Its text.
  public var text: String

  /// A review from `source`.
  public init(source: String, text: String) {
    self.source = source
    self.text = text
  }
}
