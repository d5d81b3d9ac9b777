/// Groups encoded reviews into batches: each sequence cut to `maxLength`, batches bucketed by
/// length so the sequences in one batch are about as long as each other, in a seeded order.
///
/// Every sequence must have at least one token (the model reads each one's last valid step):
/// `init` throws `BatcherError.emptySequence` naming the first empty one, so map empty reviews
/// away (or to `[Vocabulary.unknownID]`) first.
public struct Batcher: Sendable {
  /// Which end of a sequence truncation or padding applies to.
  public enum Side: String, Sendable, Codable, CaseIterable {
    /// The start: truncation keeps the last tokens (Keras' default); padding goes before them.
    case pre
    /// The end: truncation keeps the first tokens; padding goes after them.
    case post
  }

  /// The sequences after truncation, in input order.
  public let sequences: [[Int32]]
  /// Class indices (0 neg, 1 pos), in input order.
  public let labels: [Int]
  /// Where the batches' `padded()` arrays put their padding.
  public let padding: Side

  /// Cuts each of `sequences` to `maxLength` tokens from the `truncation` side (by default
  /// keeping the end, as Keras does; nil keeps them whole); `sources` (review paths) only name
  /// an empty sequence in the error. Padding defaults to `.post`: tokens start at step 0, as
  /// length-sorted batches need.
  public init(
    sequences: [[Int32]], labels: [Int], maxLength: Int?, truncation: Side = .pre,
    padding: Side = .post, sources: [String]? = nil
  ) throws {
    precondition(maxLength.map { $0 > 0 } ?? true, "maxLength must be positive")
    precondition(sequences.count == labels.count, "one label per sequence")
    if let empty = sequences.firstIndex(where: \.isEmpty) {
      throw BatcherError.emptySequence(index: empty, source: sources?[empty])
    }
    self.sequences = sequences.map { sequence in
      guard let maxLength, sequence.count > maxLength else { return sequence }
      return truncation == .pre
        ? Array(sequence.suffix(maxLength)) : Array(sequence.prefix(maxLength))
    }
    self.labels = labels
    self.padding = padding
  }

  /// Number of sequences.
  public var count: Int { sequences.count }

  /// Batches of `size` covering every sequence once (the last may be smaller), for training.
  /// The order is shuffled, then each window of `window` batches' worth is sorted by length
  /// and cut into batches, and the batches are shuffled; the same generator state gives the
  /// same batches on every platform. With `maxTokens`, a batch also ends before its tokens
  /// would pass that many (a single longer sequence still makes a batch of its own), so memory
  /// follows the tokens of a batch, not the longest review's length times `size`.
  public func shuffledBatches<Generator: RandomNumberGenerator>(
    size: Int, window: Int = 50, maxTokens: Int? = nil, using generator: inout Generator
  ) -> [Batch] {
    precondition(size > 0 && window > 0, "size and window must be positive")
    var order = Array(sequences.indices)
    Batcher.shuffle(&order, using: &generator)
    var batches: [Batch] = []
    for windowStart in stride(from: 0, to: order.count, by: size * window) {
      let bucket = sortedByLength(
        order[windowStart..<min(windowStart + size * window, order.count)])
      batches += cut(bucket, size: size, maxTokens: maxTokens)
    }
    Batcher.shuffle(&batches, using: &generator)
    return batches
  }

  /// Every sequence sorted by length (ties by input position), cut into batches of `size`:
  /// a fixed, padding-light order for evaluation.
  public func sortedBatches(size: Int) -> [Batch] {
    precondition(size > 0, "size must be positive")
    return cut(sortedByLength(sequences.indices), size: size)
  }

  private func sortedByLength(_ indices: some Sequence<Int>) -> [Int] {
    indices.sorted { (sequences[$0].count, $0) < (sequences[$1].count, $1) }
  }

  /// `indices` cut, in order, into groups of at most `size` whose lengths add up to at most
  /// `maxTokens` (a single longer one makes a group of its own).
  public static func groups(
    _ indices: [Int], size: Int, maxTokens: Int?, length: (Int) -> Int
  ) -> [[Int]] {
    var groups: [[Int]] = []
    var current: [Int] = []
    var tokens = 0
    for index in indices {
      let count = length(index)
      if current.count == size || (maxTokens.map { !current.isEmpty && tokens + count > $0 } ?? false) {
        groups.append(current)
        current = []
        tokens = 0
      }
      current.append(index)
      tokens += count
    }
    if !current.isEmpty { groups.append(current) }
    return groups
  }

  private func cut(_ indices: [Int], size: Int, maxTokens: Int? = nil) -> [Batch] {
    Self.groups(indices, size: size, maxTokens: maxTokens, length: { sequences[$0].count }).map { members in
      Batch(
        ids: members.map { sequences[$0] }, labels: members.map { labels[$0] },
        indices: members, padding: padding)
    }
  }

  // Fisher–Yates with unbiased bounded draws, written out so that a seed means the same
  // order whatever the standard library's own shuffle does.
  private static func shuffle<Element, Generator: RandomNumberGenerator>(
    _ elements: inout [Element], using generator: inout Generator
  ) {
    guard elements.count > 1 else { return }
    for last in stride(from: elements.count - 1, to: 0, by: -1) {
      let pick = Int(draw(below: UInt64(last + 1), using: &generator))
      elements.swapAt(last, pick)
    }
  }

  // A uniform integer in 0..<bound: Lemire's multiply-high with rejection of the biased low
  // range.
  private static func draw<Generator: RandomNumberGenerator>(
    below bound: UInt64, using generator: inout Generator
  ) -> UInt64 {
    let threshold = (0 &- bound) % bound
    while true {
      let (high, low) = bound.multipliedFullWidth(by: generator.next())
      if low >= threshold { return high }
    }
  }
}
