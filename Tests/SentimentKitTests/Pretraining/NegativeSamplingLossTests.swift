import SentimentKit
import XCTest

/// The skip-gram loss's step against finite differences of its loss, in Double: d = 6, one
/// context and three noise vectors. The step changes u by −rate·dL/du and reports −rate·dL/dv
/// in dv, so with rate 1 both read off as gradients.
final class NegativeSamplingLossTests: XCTestCase {
  func testStepFollowsTheGradientOfTheLoss() {
    var generator = SplitMix64(seed: 21)
    let d = 6
    let v: Matrix<Double> = generator.matrix(rows: 1, cols: d)
    let u: Matrix<Double> = generator.matrix(rows: 4, cols: d)  // row 0 the context
    func targets(_ m: Matrix<Double>) -> [UnsafeMutablePointer<Double>] {
      (0..<m.rows).map { m.pointer + $0 * m.stride }
    }
    let loss = { () -> Double in
      targets(u).withUnsafeBufferPointer {
        NegativeSamplingLoss.loss(v: UnsafePointer(v.pointer), targets: $0, d: d)
      }
    }
    let before = u.copy()
    let dv = Matrix<Double>(rows: 1, cols: d)
    let stepped = before.copy()
    let l = targets(stepped).withUnsafeBufferPointer {
      NegativeSamplingLoss.step(
        v: UnsafePointer(v.pointer), targets: $0, d: d, rate: 1, dv: dv.pointer)
    }
    XCTAssertEqual(l, loss(), accuracy: 1e-15, "the step reports the loss before it")
    let dU = before.copy()
    dU.add(stepped, scaledBy: -1)  // u − (u − dL/du) = dL/du
    FiniteDifferences.check(dU, of: loss, at: u, "u")
    let dV = dv.copy()
    dV.scale(by: -1)
    FiniteDifferences.check(dV, of: loss, at: v, "v")
  }

  /// log σ stays finite where σ underflows: L for s = ±800 is 0 and 800 (to rounding).
  func testLossIsFiniteForLargeScores() {
    let v = Matrix<Double>(rows: 1, cols: 1, repeating: 40)
    let u = Matrix<Double>(rows: 2, cols: 1, repeating: 20)  // s = 800 for both
    let l = [u.pointer, u.pointer + 1].withUnsafeBufferPointer {
      NegativeSamplingLoss.loss(v: UnsafePointer(v.pointer), targets: $0, d: 1)
    }
    XCTAssertEqual(l, 800, accuracy: 1e-9)  // −log σ(800) ≈ 0, −log σ(−800) = 800
  }
}
