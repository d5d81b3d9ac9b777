import SentimentKit
import SentimentParity
import XCTest

/// torch.optim.Adam: by hand, and against PyTorch's own step in ../shared/parity.
final class AdamTests: XCTestCase {
  /// lr 0.1, β (0.9, 0.999), p = [1, −1].
  /// Step 1, g = [0.5, −2]: m = 0.1 g, v = 0.001 g², so m̂ = g, v̂ = g² and p moves by lr·sign(g):
  ///   p = [1 − 0.1 · 0.5 / (0.5 + ε), −1 + 0.1 · 2 / (2 + ε)] ≈ [0.9, −0.9]
  /// Step 2, g = [0.5, 1]: m = 0.9 m + 0.1 g = [0.095, −0.08], v = 0.999 v + 0.001 g² =
  ///   [0.00049975, 0.004996]; corrections 1 − 0.9² = 0.19, 1 − 0.999² = 0.001999:
  ///   m̂ = [0.5, −0.42105], v̂ = [0.25, 2.49925], p −= 0.1 m̂ / (√v̂ + ε) ≈ [0.8, −0.87337]
  func testTwoStepsByHand() {
    let p = TensorList.vector("w", [1.0, -1])
    var adam = Adam(for: p, learningRate: 0.1)
    let p1 = [1 - 0.1 * 0.5 / (0.5 + 1e-8), -1 + 0.1 * 2 / (2 + 1e-8)]
    let p2 = [
      p1[0] - 0.1 * (0.095 / 0.19) / ((0.00049975 / 0.001999).squareRoot() + 1e-8),
      p1[1] - 0.1 * (-0.08 / 0.19) / ((0.004996 / 0.001999).squareRoot() + 1e-8),
    ]
    assertTrajectory(
      trajectory(of: &adam, p, gradients: [[0.5, -2], [0.5, 1]]), [p1, p2], relative: 1e-13)
    XCTAssertEqual(p2[0], 0.8, accuracy: 1e-7)
    XCTAssertEqual(p2[1], -0.87337, accuracy: 1e-5)
    XCTAssertEqual(adam.stateTensors.map(\.name), ["exp_avg.w", "exp_avg_sq.w"])
    assertTrajectory(
      [adam.stateTensors[0].value.scalars, adam.stateTensors[1].value.scalars],
      [[0.095, -0.08], [0.00049975, 0.004996]], relative: 1e-14)
  }

  /// Weight decay is L2 added to g (not AdamW): g = 0, λ 0.5, p = 1 gives g' = 0.5 and the first
  /// step moves p by lr: 1 − 0.1 · 0.5 / (0.5 + ε).
  func testWeightDecayIsAddedToTheGradient() {
    let p = TensorList.vector("w", [1.0])
    var adam = Adam(for: p, learningRate: 0.1, weightDecay: 0.5)
    assertTrajectory(
      trajectory(of: &adam, p, gradients: [[0]]), [[1 - 0.1 * 0.5 / (0.5 + 1e-8)]], relative: 1e-15)
  }

  /// AdamW (torch.optim.AdamW): the weights shrink by lr·λ before the Adam step, and the decay
  /// stays out of the moments. lr 0.1, λ 0.5, p = 2, g = 0.5: p = 2 (1 − 0.05) = 1.9, then
  /// m̂ = g, v̂ = g², p −= 0.1 · 0.5 / (0.5 + ε): 1.8 (to 1e-8); exp_avg = 0.1 g = 0.05.
  func testDecoupledWeightDecayShrinksTheWeightsApart() {
    let p = TensorList.vector("w", [2.0])
    var adam = Adam(for: p, learningRate: 0.1, weightDecay: 0.5, decoupled: true)
    assertTrajectory(
      trajectory(of: &adam, p, gradients: [[0.5]]), [[2 * 0.95 - 0.1 * 0.5 / (0.5 + 1e-8)]],
      relative: 1e-15)
    assertTrajectory([adam.stateTensors[0].value.scalars], [[0.05]], relative: 1e-15)
  }

  /// One step of torch.optim.Adam(lr=0.01, betas=(0.9, 0.999), eps=1e-8) from zero moments, on the
  /// weights and gradients of classifier_bilstm_adam.json (torch 2.15, float64, seed 1234; the
  /// model parts belong to other tests: only its tensors are used here). Agreement to 1e-12.
  func testOneStepMatchesPyTorch() throws {
    guard
      let parity = try ParityFile.shared().first(where: { $0.name == "classifier_bilstm_adam.json" })
    else {
      throw XCTSkip("classifier_bilstm_adam.json is not in the parity folder")
    }
    let names = try parity.keys("weights")
    func tensors(_ field: String) throws -> TensorList<Double> {
      TensorList(
        try names.map { name in
          let t = try parity.tensor(field, name)
          return (name, t.shape, t.data)
        })
    }
    let parameters = try tensors("weights")
    let before = parameters.copy()
    var adam = Adam(for: parameters, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    adam.update(parameters, along: try tensors("grad"))
    for (actual, expected) in zip(parameters.namedTensors, try tensors("after_adam").namedTensors) {
      assertClose(
        actual.value, expected.value, relative: 1e-12, absolute: 1e-12, "after_adam \(actual.name)")
    }
    XCTAssertEqual(names.count, 11)
    let moved = zip(parameters.namedTensors, before.namedTensors).map { a, b in
      zip(a.value.scalars, b.value.scalars).map { abs($0 - $1) }.max()!
    }
    XCTAssertEqual(moved.max()!, 0.01, accuracy: 1e-6, "a first step moves a weight by at most lr")
  }
}
