/// Encoded reviews with their labels (0 = neg, 1 = pos) and where each came from: what the trainer
/// and the evaluator consume. Every sequence has at least one token.
public struct LabelledSequences: Sendable {
  /// Token ids, already truncated to the model's maximum length.
  public var sequences: [[Int32]]
  /// 0 or 1 per sequence.
  public var labels: [Int]
  /// Archive entry or file per sequence, for error messages and reports.
  public var sources: [String]
  /// Per sequence, nil for a fixed label, or class probabilities (one per class, summing to 1)
  /// from which the trainer draws its label afresh every epoch (`drawnLabels`): a teacher's
  /// soft labels (see `TeacherLabelling`). `labels` then holds the most probable class.
  public var labelDistributions: [[Double]?]

  /// Parallel arrays of equal length; every sequence must be non-empty. Without
  /// `labelDistributions` every label is fixed.
  public init(
    sequences: [[Int32]], labels: [Int], sources: [String], labelDistributions: [[Double]?]? = nil
  ) {
    precondition(sequences.count == labels.count && labels.count == sources.count)
    precondition(sequences.allSatisfy { !$0.isEmpty }, "sequences must have at least one token")
    precondition(labelDistributions.map { $0.count == labels.count } ?? true, "one distribution per sequence")
    self.sequences = sequences
    self.labels = labels
    self.sources = sources
    self.labelDistributions = labelDistributions ?? Array(repeating: nil, count: labels.count)
  }

  /// Whether some labels are drawn each epoch.
  public var hasDrawnLabels: Bool { labelDistributions.contains { $0 != nil } }

  /// The labels of one epoch: the fixed ones as they are, each of the others drawn from its
  /// distribution, y ~ p, by inverting the cumulative sum at u ~ U[0, 1). Over epochs the
  /// expected cross-entropy gradient is that of the soft labels, E_y[−log P(y)] = −Σ_k p_k log P(k).
  public func drawnLabels<G: RandomNumberGenerator>(using generator: inout G) -> [Int] {
    zip(labels, labelDistributions).map { label, distribution in
      guard let distribution else { return label }
      let u = Double.random(in: 0..<1, using: &generator)
      var cumulative = 0.0
      for (k, p) in distribution.enumerated() {
        cumulative += p
        if u < cumulative { return k }
      }
      return distribution.lastIndex { $0 > 0 } ?? label  // rounding left u above the sum
    }
  }

  /// Number of reviews.
  public var count: Int { sequences.count }

  /// These reviews followed by `other`'s.
  public func appending(_ other: LabelledSequences) -> LabelledSequences {
    LabelledSequences(
      sequences: sequences + other.sequences, labels: labels + other.labels,
      sources: sources + other.sources,
      labelDistributions: labelDistributions + other.labelDistributions)
  }

  /// The reviews at `indices`, in that order.
  public func subset(_ indices: [Int]) -> LabelledSequences {
    LabelledSequences(
      sequences: indices.map { sequences[$0] }, labels: indices.map { labels[$0] },
      sources: indices.map { sources[$0] }, labelDistributions: indices.map { labelDistributions[$0] })
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
