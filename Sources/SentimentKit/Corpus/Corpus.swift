/// Reviews read from a corpus, in a fixed order whatever the source (split train then test;
/// neg, pos, then unlabelled; id ascending), with counts made while reading.
public struct Corpus: Sendable {
  /// Every review read.
  public var reviews: [Review]
  /// Counts per split and label, repairs and empty reviews.
  public var summary: CorpusSummary

  /// A corpus of `reviews` summarised by `summary`.
  public init(reviews: [Review], summary: CorpusSummary) {
    self.reviews = reviews
    self.summary = summary
  }

  /// The labelled reviews of `split`, or of both splits when `split` is nil.
  public func labelled(_ split: Review.Split? = nil) -> [Review] {
    reviews.filter { $0.label != nil && (split == nil || $0.split == split) }
  }
}
