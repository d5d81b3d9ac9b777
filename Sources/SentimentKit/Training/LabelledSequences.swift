/// Encoded reviews with their labels (0 = neg, 1 = pos) and where each came from: what the trainer
/// and the evaluator consume. Every sequence has at least one token.
public struct LabelledSequences: Sendable {
  /// Token ids, already truncated to the model's maximum length.
  public var sequences: [[Int32]]
  /// 0 or 1 per sequence.
  public var labels: [Int]
  /// Archive entry or file per sequence, for error messages and reports.
  public var sources: [String]

  /// Parallel arrays of equal length; every sequence must be non-empty.
  public init(sequences: [[Int32]], labels: [Int], sources: [String]) {
    precondition(sequences.count == labels.count && labels.count == sources.count)
    precondition(sequences.allSatisfy { !$0.isEmpty }, "sequences must have at least one token")
    self.sequences = sequences
    self.labels = labels
    self.sources = sources
  }

  /// Number of reviews.
  public var count: Int { sequences.count }

  /// These reviews followed by `other`'s.
  public func appending(_ other: LabelledSequences) -> LabelledSequences {
    LabelledSequences(
      sequences: sequences + other.sequences, labels: labels + other.labels,
      sources: sources + other.sources)
  }

  /// The reviews at `indices`, in that order.
  public func subset(_ indices: [Int]) -> LabelledSequences {
    LabelledSequences(
      sequences: indices.map { sequences[$0] }, labels: indices.map { labels[$0] },
      sources: indices.map { sources[$0] })
  }

  /// A seeded split: a shuffled `fraction` of the reviews (rounded) held out, the rest kept,
  /// each part in its original order.
  public func split(holdingOut fraction: Double, seed: UInt64) -> (kept: LabelledSequences, heldOut: LabelledSequences) {
    let (kept, heldOut) = Self.splitIndices(count: count, holdingOut: fraction, seed: seed)
    return (subset(kept), subset(heldOut))
  }

  /// The indices of `split(holdingOut:seed:)` for `count` reviews, so other model kinds hold out
  /// the same reviews.
  public static func splitIndices(count: Int, holdingOut fraction: Double, seed: UInt64) -> (kept: [Int], heldOut: [Int]) {
    var generator = SplitMix64(seed: seed)
    let shuffled = Array(0..<count).shuffled(using: &generator)
    let heldOutCount = Int((Double(count) * fraction).rounded())
    return (shuffled.dropFirst(heldOutCount).sorted(), shuffled.prefix(heldOutCount).sorted())
  }
}
