/// One IMDB review: its split, label, id and star rating (from its file name), its text, and
/// the archive entry or file it came from.
public struct Review: Sendable, Equatable {
  /// The most bytes one review may have (16 MiB; IMDB's longest has 14 KB): a larger file,
  /// archive entry or line is an error, not read, so no input can take unbounded memory.
  public static let byteLimit = 16 << 20

  /// The dataset half a review belongs to.
  public enum Split: String, Sendable, Codable, CaseIterable {
    case train, test
  }

  /// A review's sentiment, from the folder it sits in.
  public enum Label: String, Sendable, Codable, CaseIterable {
    case neg, pos

    /// The class index models use: 0 for `neg`, 1 for `pos`.
    public var index: Int { self == .neg ? 0 : 1 }
  }

  /// Train or test.
  public var split: Split
  /// Positive or negative; nil for the unlabelled reviews in `train/unsup`.
  public var label: Label?
  /// The review id, the ID in ID_RATING.txt.
  public var id: Int
  /// Stars out of ten, the RATING in ID_RATING.txt: 1–4 negative, 7–10 positive, 0 unlabelled.
  public var rating: Int
  /// The review's text; invalid UTF-8 has been replaced by U+FFFD.
  public var text: String
  /// The archive entry path or file path it was read from.
  public var source: String

  /// A review with every field given.
  public init(
    split: Split, label: Label?, id: Int, rating: Int, text: String, source: String
  ) {
    self.split = split
    self.label = label
    self.id = id
    self.rating = rating
    self.text = text
    self.source = source
  }
}
