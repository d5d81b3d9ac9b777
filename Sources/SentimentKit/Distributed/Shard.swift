/// How `count` items (the reviews of a batch, the batches of an evaluation, the chunks of a
/// classify round) are dealt among `ranks` ranks: item i goes to rank i mod ranks. The rule
/// depends on nothing but the count and the number of ranks, so every rank knows every rank's
/// share without asking; dealt in turn, length-sorted items give each rank about equal work.
public struct Shard: Sendable, Equatable {
  /// Items dealt.
  public let count: Int
  /// Ranks they are dealt to.
  public let ranks: Int

  /// `count` ≥ 0 items dealt among `ranks` ≥ 1 ranks.
  public init(count: Int, ranks: Int) {
    precondition(count >= 0 && ranks >= 1, "a shard needs items ≥ 0 and ranks ≥ 1")
    self.count = count
    self.ranks = ranks
  }

  /// The items of `rank`, ascending: rank, rank + ranks, rank + 2·ranks, …
  public func members(of rank: Int) -> [Int] {
    Array(stride(from: rank, to: count, by: ranks))
  }

  /// The items' values in item order, from each rank's values of its members (`parts[r]`, one
  /// value per member of r, in member order).
  public func reassemble<T>(_ parts: [[T]]) -> [T] {
    precondition(parts.count == ranks, "one part per rank")
    for (rank, part) in parts.enumerated() {
      precondition(part.count == members(of: rank).count, "rank \(rank)'s part has the wrong count")
    }
    return (0..<count).map { parts[$0 % ranks][$0 / ranks] }
  }
}
