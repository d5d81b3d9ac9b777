/// One review of any labelled corpus, as a `CorpusSource` gives it: its text, its class name,
/// where it came from ("reviews.csv:12", "data/neutral/7.txt", an archive entry) and, when the
/// source has train and test parts of its own, which one it is in.
public struct LabelledReview: Sendable, Equatable {
  /// The review's text (valid UTF-8; IMDB's invalid bytes are repaired with U+FFFD).
  public var text: String
  /// The class name, as the source spells it (never empty).
  public var label: String
  /// File and line, file, or archive entry: what error messages and reports name.
  public var source: String
  /// The source's own split, or nil when it has none (a split is then held out).
  public var split: Review.Split?

  /// A review with every field given.
  public init(text: String, label: String, source: String, split: Review.Split?) {
    self.text = text
    self.label = label
    self.source = source
    self.split = split
  }

  /// `bytes` as a string; invalid UTF-8 is an error at `location`.
  static func text(_ bytes: [UInt8], at location: String) throws -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw CorpusError.malformed(location, reason: "invalid UTF-8")
    }
    return text
  }
}
