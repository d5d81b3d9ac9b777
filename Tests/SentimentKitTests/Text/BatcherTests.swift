import SentimentKit
import XCTest

final class BatcherTests: XCTestCase {
  // 100 sequences of lengths 1...100, labels alternating.
  private let sequences = (1...100).map { length in (1...length).map { Int32($0) } }
  private var labels: [Int] { sequences.indices.map { $0 % 2 } }

  func testTruncationKeepsTheEndByDefault() throws {
    let long: [[Int32]] = [Array(1...10), [7]]
    let pre = try Batcher(sequences: long, labels: [1, 0], maxLength: 4)
    XCTAssertEqual(pre.sequences, [[7, 8, 9, 10], [7]])
    let post = try Batcher(sequences: long, labels: [1, 0], maxLength: 4, truncation: .post)
    XCTAssertEqual(post.sequences, [[1, 2, 3, 4], [7]])
  }

  func testPaddingSides() throws {
    let input: [[Int32]] = [[5, 6, 7], [8]]
    let post = try Batcher(sequences: input, labels: [1, 0], maxLength: 10).sortedBatches(size: 2)
    XCTAssertEqual(post.count, 1)
    XCTAssertEqual(post[0].ids, [[8], [5, 6, 7]])
    XCTAssertEqual(post[0].lengths, [1, 3])
    XCTAssertEqual(post[0].labels, [0, 1])
    XCTAssertEqual(post[0].indices, [1, 0])
    XCTAssertEqual(post[0].padded(), [8, 0, 0, 5, 6, 7])
    let pre = try Batcher(sequences: input, labels: [1, 0], maxLength: 10, padding: .pre)
    XCTAssertEqual(pre.sortedBatches(size: 2)[0].padded(with: -1), [-1, -1, 8, 5, 6, 7])
  }

  func testEmptySequenceIsAnErrorNamingIt() {
    XCTAssertThrowsError(
      try Batcher(
        sequences: [[1], []], labels: [0, 1], maxLength: 5, sources: ["a.txt", "b.txt"])
    ) { error in
      XCTAssertEqual(error as? BatcherError, .emptySequence(index: 1, source: "b.txt"))
      XCTAssertTrue("\(error)".hasPrefix("sequence 1 (b.txt) has no tokens"))
    }
  }

  func testShuffledBatchesCoverEverySequenceOnce() throws {
    let batcher = try Batcher(sequences: sequences, labels: labels, maxLength: 50)
    var generator = SplitMix64(seed: 7)
    let batches = batcher.shuffledBatches(size: 8, window: 3, using: &generator)
    XCTAssertEqual(batches.count, 13)
    XCTAssertEqual(batches.flatMap(\.indices).sorted(), Array(0..<100))
    for batch in batches {
      XCTAssertLessThanOrEqual(batch.count, 8)
      XCTAssertEqual(batch.ids, batch.indices.map { batcher.sequences[$0] })
      XCTAssertEqual(batch.labels, batch.indices.map { $0 % 2 })
      XCTAssertEqual(batch.lengths, batch.ids.map(\.count))
    }
  }

  func testBucketsByLength() throws {
    let batcher = try Batcher(sequences: sequences, labels: labels, maxLength: 1000)
    var generator = SplitMix64(seed: 1)
    // One window holds everything: batches are consecutive runs of lengths.
    let batches = batcher.shuffledBatches(size: 10, window: 10, using: &generator)
    let runs = batches.map { $0.lengths.sorted() }.sorted { $0[0] < $1[0] }
    XCTAssertEqual(runs, (0..<10).map { Array(($0 * 10 + 1)...($0 * 10 + 10)) })
    XCTAssertNotEqual(batches.map { $0.lengths.min() }, runs.map(\.first))  // order shuffled
  }

  func testSeedReproducesTheBatches() throws {
    let batcher = try Batcher(sequences: sequences, labels: labels, maxLength: 30)
    var first = SplitMix64(seed: 42)
    var second = SplitMix64(seed: 42)
    var other = SplitMix64(seed: 43)
    let batches = batcher.shuffledBatches(size: 4, window: 5, using: &first)
    XCTAssertEqual(batches, batcher.shuffledBatches(size: 4, window: 5, using: &second))
    XCTAssertNotEqual(batches, batcher.shuffledBatches(size: 4, window: 5, using: &other))
    // The next epoch from the same generator differs from the first.
    XCTAssertNotEqual(batches, batcher.shuffledBatches(size: 4, window: 5, using: &first))
  }

  func testSortedBatchesAreOrderedByLength() throws {
    let batcher = try Batcher(sequences: sequences.reversed(), labels: labels, maxLength: 1000)
    let batches = batcher.sortedBatches(size: 30)
    XCTAssertEqual(batches.map(\.count), [30, 30, 30, 10])
    XCTAssertEqual(batches.flatMap(\.lengths), Array(1...100))
  }

  /// A token budget ends a batch before it would pass the budget; a review longer than the
  /// budget makes a batch of its own; every review is still in exactly one batch.
  func testTokenBudgetCapsBatches() throws {
    let lengths = [3, 50, 7, 120, 9, 30, 30, 30, 2, 8]
    let sequences = lengths.map { [Int32](repeating: 2, count: $0) }
    let batcher = try Batcher(sequences: sequences, labels: lengths.map { $0 % 2 }, maxLength: nil)
    var generator = SplitMix64(seed: 1)
    let batches = batcher.shuffledBatches(size: 4, maxTokens: 60, using: &generator)
    XCTAssertEqual(batches.flatMap(\.indices).sorted(), Array(lengths.indices))
    for batch in batches {
      let tokens = batch.lengths.reduce(0, +)
      XCTAssertTrue(batch.count <= 4 && (tokens <= 60 || batch.count == 1), "\(batch.lengths)")
    }
    XCTAssertTrue(batches.contains { $0.lengths == [120] })
  }
}
