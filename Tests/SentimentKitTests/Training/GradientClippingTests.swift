import SentimentKit
import XCTest

final class GradientClippingTests: XCTestCase {
  /// Two tensors [3] and [0, 4]: ‖g‖ = √(9 + 16) = 5 over both together.
  func makeGradients() -> TensorList<Double> {
    TensorList([("a", [1], [3]), ("b", [2], [0, 4])])
  }

  /// maxNorm 1: c = 1 / (5 + 1e-6), so g becomes [3c], [0, 4c] (norm just under 1); returns 5.
  func testClipsToMaxNormAndReturnsTheNormBefore() {
    let g = makeGradients()
    XCTAssertEqual(GradientClipping.clip(g, maxNorm: 1), 5)
    let c = 1 / (5 + 1e-6)
    XCTAssertEqual(g.namedTensors[0].value.scalars, [3 * c])
    XCTAssertEqual(g.namedTensors[1].value.scalars, [0, 4 * c])
    XCTAssertEqual(GradientClipping.globalNorm(g), 5 * c, accuracy: 1e-15)
  }

  func testLeavesSmallGradientsAlone() {
    let g = makeGradients()
    XCTAssertEqual(GradientClipping.clip(g, maxNorm: 10), 5)
    XCTAssertEqual(g.namedTensors.flatMap(\.value.scalars), [3, 0, 4])
  }

  func testNonFiniteGradientOrLossIsNamedAndNotClipped() {
    let g = makeGradients()
    XCTAssertNil(GradientClipping.firstNonFinite(in: g, loss: 0.7))
    XCTAssertEqual(GradientClipping.firstNonFinite(in: g, loss: .infinity), "loss")
    g.namedTensors[1].value[0, 1] = .nan
    XCTAssertEqual(GradientClipping.firstNonFinite(in: g), "b")
    XCTAssertTrue(GradientClipping.clip(g, maxNorm: 1).isNaN)
    XCTAssertEqual(g.namedTensors[0].value.scalars, [3], "left alone for the caller to skip")
  }

  /// An embedding gradient records its touched rows; norm, clipping, the NaN check and zero()
  /// visit those rows alone and give what the dense walk gives.
  func testTouchedRowsGiveTheDenseResults() {
    var generator = SplitMix64(seed: 9)
    let layer = Embedding<Double>(vocabularySize: 50, embeddingSize: 4, using: &generator)
    var grads = layer.parameters.zerosLike()
    let ids: [Int32] = [3, 17, 3, 42, 8]
    let dY: Matrix<Double> = generator.matrix(rows: ids.count, cols: 4)
    layer.backward(dY, cache: layer.forward(ids).cache, into: &grads)
    let dense = grads.weight.copy()
    XCTAssertEqual(GradientClipping.globalNorm(grads), dense.sumOfSquares().squareRoot(), accuracy: 1e-15)
    let norm = GradientClipping.clip(grads, maxNorm: 0.5)
    XCTAssertGreaterThan(norm, 0.5)
    let c = 0.5 / (norm + 1e-6)
    for (a, e) in zip(grads.weight.scalars, dense.scalars) { XCTAssertEqual(a, c * e, accuracy: 1e-15) }
    XCTAssertNil(GradientClipping.firstNonFinite(in: grads))
    grads.weight[42, 2] = .nan  // a touched row
    XCTAssertEqual(GradientClipping.firstNonFinite(in: grads), "weight")
    grads.zero()
    XCTAssertEqual(grads.weight.scalars.filter { $0 != 0 }.count, 0, "every touched row cleared")
    XCTAssertTrue(grads.touchedRows.isEmpty)
  }
}
