import SentimentKit
import XCTest

final class DropoutTests: XCTestCase {
  /// With the mask held fixed, L = Σ (X ⊙ M) ⊙ R; finite differences on X (FiniteDifferences).
  func testGradientWithFixedMaskMatchesFiniteDifferences() {
    var random = SplitMix64(seed: 20)
    let layer = Dropout<Double>(probability: 0.4)
    let x: Matrix<Double> = random.matrix(rows: 4, cols: 6)
    let r: Matrix<Double> = random.matrix(rows: 4, cols: 6)
    let cache = layer.forward(x, using: &random).cache
    let mask = try! XCTUnwrap(cache.mask)
    let loss = { layer.forward(x, mask: mask).output.dot(r) }
    var none = NoParameters<Double>()
    FiniteDifferences.check(layer.backward(r, cache: cache, into: &none), of: loss, at: x, "X")
  }

  /// Kept elements are scaled by 1/(1 − p) = 4; about p of 10 000 are dropped (±3 %, ~7 standard
  /// errors); the same seed draws the same mask.
  func testTrainingMaskIsInvertedAndSeeded() {
    let layer = Dropout<Float>(probability: 0.75)
    let x = Matrix<Float>(rows: 100, cols: 100, repeating: 2)
    var first = SplitMix64(seed: 21)
    var second = SplitMix64(seed: 21)
    let (y, cache) = layer.forward(x, using: &first)
    XCTAssertEqual(layer.forward(x, using: &second).output.scalars, y.scalars)
    XCTAssertTrue(y.scalars.allSatisfy { $0 == 0 || $0 == 8 })
    let dropped = Double(y.scalars.filter { $0 == 0 }.count) / 10_000
    XCTAssertEqual(dropped, 0.75, accuracy: 0.03)
    XCTAssertEqual(cache.mask?.scalars.filter { $0 == 4 }.count, y.scalars.filter { $0 == 8 }.count)
  }

  func testInferenceAndEdgeProbabilitiesAreExact() {
    var random = SplitMix64(seed: 22)
    let x: Matrix<Double> = random.matrix(rows: 2, cols: 3)
    var none = NoParameters<Double>()
    let layer = Dropout<Double>(probability: 0.5)
    let (y, cache) = layer.forward(x)
    XCTAssertTrue(y.storage === x.storage, "inference passes the input through")
    XCTAssertNil(cache.mask)
    XCTAssertEqual(layer.backward(x, cache: cache, into: &none).scalars, x.scalars)
    XCTAssertEqual(
      Dropout<Double>(probability: 0).forward(x, using: &random).output.scalars, x.scalars)
    XCTAssertEqual(
      Dropout<Double>(probability: 1).forward(x, using: &random).output.scalars, [0, 0, 0, 0, 0, 0])
  }
}
