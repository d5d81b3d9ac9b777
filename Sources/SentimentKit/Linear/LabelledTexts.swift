/// Review texts with their labels (0 = neg, 1 = pos) and where each came from: what the linear
/// trainer consumes. Every text has at least one token.
public struct LabelledTexts: Sendable {
  /// The raw texts.
  public var texts: [String]
  /// 0 or 1 per text.
  public var labels: [Int]
  /// Archive entry or file per text.
  public var sources: [String]

  /// Parallel arrays of equal length.
  public init(texts: [String], labels: [Int], sources: [String]) {
    precondition(texts.count == labels.count && labels.count == sources.count)
    self.texts = texts
    self.labels = labels
    self.sources = sources
  }

  /// Number of reviews.
  public var count: Int { texts.count }

  /// The reviews at `indices`, in that order.
  public func subset(_ indices: [Int]) -> LabelledTexts {
    LabelledTexts(
      texts: indices.map { texts[$0] }, labels: indices.map { labels[$0] },
      sources: indices.map { sources[$0] })
  }
}
