import SentimentKit
import XCTest

/// `summarize`, the inference path that skips the per-step output, gives exactly the final
/// summary `encode` gives: one direction either way round, and both merged.
final class SummaryTests: XCTestCase {
  func testSummaryIsEncodesFinal() {
    var generator = SplitMix64(seed: 7)
    let layout = PackedLayout(lengths: [5, 2, 7, 1, 7, 3])
    let x: Matrix<Double> = generator.matrix(rows: layout.rowCount, cols: 4)
    let lstm = LSTMCell<Double>(inputSize: 4, hiddenSize: 3, using: &generator)
    let gru = GRUCell<Double>(inputSize: 4, hiddenSize: 3, using: &generator)
    for reversed in [false, true] {
      let layer = Recurrent(cell: lstm, reversed: reversed)
      XCTAssertEqual(
        layer.summarize(x, layout: layout).scalars, layer.encode(x, layout: layout).final.scalars)
    }
    let both = Bidirectional(forward: lstm, reverse: gru)
    XCTAssertEqual(
      both.summarize(x, layout: layout).scalars, both.encode(x, layout: layout).final.scalars)
  }
}
