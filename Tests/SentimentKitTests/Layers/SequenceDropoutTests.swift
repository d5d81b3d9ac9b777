import SentimentKit
import XCTest

/// Word and locked dropout keep their promises: every occurrence of a word type shares its fate;
/// a review's locked mask is the same at every step; kept values are scaled by 1/(1 − p);
/// backward multiplies by the same mask; inference-free settings are the identity.
final class SequenceDropoutTests: XCTestCase {
  func testMasksAreSharedAlongSequencesAndAcrossOccurrences() {
    let layout = PackedLayout(lengths: [6, 4, 5])
    var generator = SplitMix64(seed: 3)
    let x = Matrix<Double>(rows: layout.rowCount, cols: 40, repeating: 1)
    let ids: [Int32] = (0..<layout.rowCount).map { Int32(2 + $0 % 4) }  // four word types
    let word = SequenceDropout<Double>(word: 0.5)
    let (y, cache) = word.forward(x, ids: ids, layout: layout, using: &generator)
    for n in 0..<layout.rowCount {
      let row = Set(y.rows(n..<n + 1).scalars)
      XCTAssertTrue(row == [0] || row == [2], "row \(n): a word is dropped or kept whole, ×2")
      let first = ids.firstIndex(of: ids[n])!
      XCTAssertEqual(y[n, 0], y[first, 0], "every occurrence of id \(ids[n]) shares its fate")
    }
    let dy: Matrix<Double> = generator.matrix(rows: layout.rowCount, cols: 40)
    let dx = word.backward(dy, cache: cache)
    for n in 0..<layout.rowCount {
      for j in 0..<40 { XCTAssertEqual(dx[n, j], dy[n, j] * y[n, j]) }  // x = 1: y is the mask
    }

    let locked = SequenceDropout<Double>(locked: 0.25)
    let (z, _) = locked.forward(x, ids: [], layout: layout, using: &generator)
    for k in 0..<layout.batchSize {
      let first = z.rows(layout.row(sequence: k, step: 0)..<layout.row(sequence: k, step: 0) + 1).scalars
      XCTAssertTrue(first.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3) < 1e-15 })
      XCTAssertTrue(first.contains(0) && first.contains { $0 > 0 }, "40 features: some of each")
      for t in 1..<layout.lengths[k] {
        let row = layout.row(sequence: k, step: t)
        XCTAssertEqual(z.rows(row..<row + 1).scalars, first, "sequence \(k), step \(t)")
      }
    }
    let none = SequenceDropout<Double>()
    XCTAssertTrue(none.isIdentity)
    let (same, noMask) = none.forward(x, ids: ids, layout: layout, using: &generator)
    XCTAssertEqual(same.scalars, x.scalars)
    XCTAssertNil(noMask.mask)
  }
}
