import SentimentKit
import XCTest

final class DenseTests: XCTestCase {
  /// L = Σ Y ⊙ R for X [3, 5] → Y [3, 4]; finite differences for W, b and X (FiniteDifferences).
  func testGradientsMatchFiniteDifferences() {
    var random = SplitMix64(seed: 10)
    let layer = Dense<Double>(inputSize: 5, outputSize: 4, using: &random)
    let x: Matrix<Double> = random.matrix(rows: 3, cols: 5)
    let r: Matrix<Double> = random.matrix(rows: 3, cols: 4)
    let loss = { layer.forward(x).output.dot(r) }
    var grads = layer.parameters.zerosLike()
    let dx = layer.backward(r, cache: layer.forward(x).cache, into: &grads)
    FiniteDifferences.check(grads.weight, of: loss, at: layer.parameters.weight, "W")
    FiniteDifferences.check(grads.bias, of: loss, at: layer.parameters.bias, "b")
    FiniteDifferences.check(dx, of: loss, at: x, "X")
  }

  /// y = x Wᵀ + b with W = [[1, 2], [3, 4]], b = [0.5, −1], x = [1, 1]:
  /// y = [1 + 2 + 0.5, 3 + 4 − 1] = [3.5, 6].
  func testOneExampleByHand() {
    let layer = Dense<Double>(inputSize: 2, outputSize: 2)
    layer.parameters.weight.assign(Matrix(rows: 2, cols: 2, data: [1, 2, 3, 4]))
    layer.parameters.bias.assign(Matrix(rows: 1, cols: 2, data: [0.5, -1]))
    let (y, cache) = layer.forward(Matrix(rows: 1, cols: 2, data: [1, 1]))
    XCTAssertEqual(y.scalars, [3.5, 6])
    // dY = [1, 0]: dW = dYᵀ x = [[1, 1], [0, 0]], db = [1, 0], dx = dY W = [1, 2].
    // Run twice: the parameter gradients add up.
    var grads = layer.parameters.zerosLike()
    let dy = Matrix<Double>(rows: 1, cols: 2, data: [1, 0])
    _ = layer.backward(dy, cache: cache, into: &grads)
    let dx = layer.backward(dy, cache: cache, into: &grads)
    XCTAssertEqual(grads.weight.scalars, [2, 2, 0, 0])
    XCTAssertEqual(grads.bias.scalars, [2, 0])
    XCTAssertEqual(dx.scalars, [1, 2])
  }

  /// PyTorch's Linear layout and default init: "weight" [out, in], "bias" [out], all in
  /// U(−1/√in, 1/√in).
  func testLayoutAndInitialisation() {
    var random = SplitMix64(seed: 11)
    let layer = Dense<Float>(inputSize: 16, outputSize: 3, using: &random)
    XCTAssertEqual(layer.parameters.namedTensors.map(\.name), ["weight", "bias"])
    XCTAssertEqual(layer.parameters.namedTensors.map(\.shape), [[3, 16], [3]])
    let values = layer.parameters.weight.scalars + layer.parameters.bias.scalars
    XCTAssertTrue(values.allSatisfy { abs($0) <= 0.25 })
    XCTAssertGreaterThan(values.map(abs).max()!, 0.2, "draws fill the range")
  }
}
