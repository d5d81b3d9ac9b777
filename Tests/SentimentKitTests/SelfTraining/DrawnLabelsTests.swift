import Foundation
import SentimentKit
import XCTest

/// Soft labels drawn each epoch: fixed labels stay, drawn ones follow their distributions, and
/// subsets and concatenations keep each review's distribution with it.
final class DrawnLabelsTests: XCTestCase {
  func testDrawnLabelsFollowTheirDistributions() {
    let n = 20_000
    let fixed = LabelledSequences(sequences: Array(repeating: [1], count: 2), labels: [1, 0], sources: ["a", "b"])
    let soft = LabelledSequences(
      sequences: Array(repeating: [1], count: n), labels: Array(repeating: 2, count: n),
      sources: (0..<n).map { "u\($0)" },
      labelDistributions: Array(repeating: [0.2, 0.0, 0.8], count: n))
    let both = fixed.appending(soft)
    XCTAssertFalse(fixed.hasDrawnLabels)
    XCTAssertTrue(both.hasDrawnLabels)

    var generator = SplitMix64(seed: 3)
    let drawn = both.drawnLabels(using: &generator)
    XCTAssertEqual(Array(drawn.prefix(2)), [1, 0], "fixed labels are kept")
    let counts = (0..<3).map { k in drawn.dropFirst(2).filter { $0 == k }.count }
    XCTAssertEqual(counts[1], 0, "a class of probability 0 is never drawn")
    // Binomial(20000, 0.2): standard deviation 57, so ±300 is over 5σ.
    XCTAssertEqual(Double(counts[0]), 0.2 * Double(n), accuracy: 300)
    var again = SplitMix64(seed: 3)
    XCTAssertEqual(both.drawnLabels(using: &again), drawn, "the same seed draws the same labels")

    let picked = both.subset([n + 1, 0])
    XCTAssertEqual(picked.labelDistributions.map { $0 == nil }, [false, true])
    XCTAssertEqual(picked.sources, ["u\(n - 1)", "a"])
  }
}
