/// Counts over a corpus as it was read: reviews per split and label, reviews whose invalid
/// UTF-8 was repaired, and empty reviews, with the first few of each named.
public struct CorpusSummary: Sendable, Equatable {
  /// How many names `repairedExamples` and `emptyExamples` keep.
  public static let exampleLimit = 10

  private struct Key: Hashable {
    var split: Review.Split
    var label: Review.Label?
  }

  private var counts: [Key: Int] = [:]
  /// Reviews read.
  public private(set) var reviewCount = 0
  /// Reviews whose bytes were not valid UTF-8 and were repaired with U+FFFD.
  public private(set) var repairedCount = 0
  /// Sources of the first repaired reviews, in reading order.
  public private(set) var repairedExamples: [String] = []
  /// Reviews that are empty or only whitespace (kept in the corpus, counted here).
  public private(set) var emptyCount = 0
  /// Sources of the first empty reviews, in reading order.
  public private(set) var emptyExamples: [String] = []

  /// An empty summary.
  public init() {}

  /// Reviews in `split` with `label` (nil: the unlabelled ones).
  public func count(_ split: Review.Split, _ label: Review.Label?) -> Int {
    counts[Key(split: split, label: label), default: 0]
  }

  /// Throws `CorpusError.incomplete` when a split has no positive or no negative review: a
  /// model trained or scored on it would look like a result and mean nothing. `source` names
  /// the corpus read.
  public func requireEveryLabel(of source: String) throws {
    let missing = Review.Split.allCases.flatMap { split in
      Review.Label.allCases.filter { count(split, $0) == 0 }.map { "\(split.rawValue)/\($0.rawValue)" }
    }
    if !missing.isEmpty { throw CorpusError.incomplete(source, missing: missing) }
  }

  /// Counts `review`; `repaired` says whether its text needed U+FFFD replacements.
  mutating func add(_ review: Review, repaired: Bool) {
    reviewCount += 1
    counts[Key(split: review.split, label: review.label), default: 0] += 1
    if repaired {
      repairedCount += 1
      if repairedExamples.count < Self.exampleLimit { repairedExamples.append(review.source) }
    }
    if review.text.allSatisfy(\.isWhitespace) {
      emptyCount += 1
      if emptyExamples.count < Self.exampleLimit { emptyExamples.append(review.source) }
    }
  }
}
