import SentimentKit
import XCTest

/// torch.optim.SGD's rules, two steps each from p = [1, −2] with g = [0.5, 0.25], lr 0.1.
final class SGDTests: XCTestCase {
  let gradients: [[Double]] = [[0.5, 0.25], [0.5, 0.25]]

  /// p −= lr g: [1 − 0.05, −2 − 0.025] = [0.95, −2.025], then [0.9, −2.05].
  func testPlain() {
    let p = TensorList.vector("w", [1.0, -2])
    var sgd = SGD(for: p, learningRate: 0.1)
    assertTrajectory(
      trajectory(of: &sgd, p, gradients: gradients), [[0.95, -2.025], [0.9, -2.05]], relative: 1e-15
    )
    XCTAssertTrue(sgd.stateTensors.isEmpty)
    XCTAssertEqual(sgd.stepCount, 2)
  }

  /// μ 0.9: v = g = [0.5, 0.25], p = [0.95, −2.025]; v = 0.9 v + g = [0.95, 0.475],
  /// p = [0.95 − 0.095, −2.025 − 0.0475] = [0.855, −2.0725].
  func testMomentum() {
    let p = TensorList.vector("w", [1.0, -2])
    var sgd = SGD(for: p, learningRate: 0.1, momentum: 0.9)
    assertTrajectory(
      trajectory(of: &sgd, p, gradients: gradients), [[0.95, -2.025], [0.855, -2.0725]],
      relative: 1e-15)
    XCTAssertEqual(sgd.stateTensors.map(\.name), ["momentum_buffer.w"])
    XCTAssertEqual(sgd.stateTensors[0].value.scalars, [0.95, 0.475])
  }

  /// λ 0.1: g + λp = [0.5 + 0.1, 0.25 − 0.2] = [0.6, 0.05], p = [0.94, −2.005];
  /// then [0.5 + 0.094, 0.25 − 0.2005] = [0.594, 0.0495], p = [0.8806, −2.00995].
  func testWeightDecay() {
    let p = TensorList.vector("w", [1.0, -2])
    var sgd = SGD(for: p, learningRate: 0.1, weightDecay: 0.1)
    assertTrajectory(
      trajectory(of: &sgd, p, gradients: gradients), [[0.94, -2.005], [0.8806, -2.00995]],
      relative: 1e-14)
  }
}
