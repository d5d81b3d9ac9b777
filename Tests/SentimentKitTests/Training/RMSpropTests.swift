import SentimentKit
import XCTest

/// torch.optim.RMSprop (α 0.99, ε 1e-8 outside the root), two steps from p = 1, lr 0.01.
final class RMSpropTests: XCTestCase {
  /// g = 2:  v = 0.01 · 4 = 0.04,               √v = 0.2,        p = 1 − 0.01 · 2 / (0.2 + ε) ≈ 0.9
  /// g = −1: v = 0.99 · 0.04 + 0.01 · 1 = 0.0496, √v ≈ 0.22271,  p ≈ 0.9 + 0.01 / 0.22271 ≈ 0.94490
  func testTwoStepsByHand() {
    let p = TensorList.vector("w", [1.0])
    var rmsprop = RMSprop(for: p, learningRate: 0.01)
    let p1 = 1 - 0.01 * 2 / (0.2 + 1e-8)
    let p2 = p1 + 0.01 / (0.0496.squareRoot() + 1e-8)
    assertTrajectory(
      trajectory(of: &rmsprop, p, gradients: [[2], [-1]]), [[p1], [p2]], relative: 1e-14)
    XCTAssertEqual(p2, 0.94490, accuracy: 1e-5)
    XCTAssertEqual(rmsprop.stateTensors.map(\.name), ["square_avg.w"])
    // v to a few ulps of rounding
    XCTAssertEqual(rmsprop.stateTensors[0].value[0, 0], 0.0496, accuracy: 1e-16)
  }
}
