import Foundation
import SentimentKit
import XCTest

final class SoftmaxHeadTests: XCTestCase {
  /// dL/dZ of the mean NLL against finite differences (FiniteDifferences), B 4, C 3.
  func testCrossEntropyGradientMatchesFiniteDifferences() {
    var random = SplitMix64(seed: 30)
    let logits: Matrix<Double> = random.matrix(rows: 4, cols: 3)
    logits.scale(by: 3)
    let labels = [2, 0, 1, 2]
    let loss = { SoftmaxHead.crossEntropy(logits: logits, labels: labels).loss }
    FiniteDifferences.check(
      SoftmaxHead.crossEntropy(logits: logits, labels: labels).dLogits, of: loss, at: logits, "Z")
  }

  /// dL/dZ of the class-weighted NLL (−Σ w_y log P / Σ w_y) against finite differences, B 5, C 3;
  /// and unit weights give the unweighted loss and gradient to the bit.
  func testWeightedCrossEntropyGradientMatchesFiniteDifferences() {
    var random = SplitMix64(seed: 32)
    let logits: Matrix<Double> = random.matrix(rows: 5, cols: 3)
    logits.scale(by: 3)
    let labels = [2, 0, 1, 2, 2]
    let weights = [2.5, 0.5, 1.25]
    let loss = { SoftmaxHead.crossEntropy(logits: logits, labels: labels, classWeights: weights).loss }
    FiniteDifferences.check(
      SoftmaxHead.crossEntropy(logits: logits, labels: labels, classWeights: weights).dLogits,
      of: loss, at: logits, "Z")
    let plain = SoftmaxHead.crossEntropy(logits: logits, labels: labels)
    let unit = SoftmaxHead.crossEntropy(logits: logits, labels: labels, classWeights: [1, 1, 1])
    XCTAssertEqual(plain.loss, unit.loss)
    XCTAssertEqual(plain.dLogits.scalars, unit.dLogits.scalars)
    XCTAssertNotEqual(plain.loss, loss(), "the weights change the loss")
  }

  /// Dense → softmax → NLL as a classifier head does it: the chain reaches W, b and X.
  func testDenseThroughLossMatchesFiniteDifferences() {
    var random = SplitMix64(seed: 31)
    let layer = Dense<Double>(inputSize: 5, outputSize: 2, using: &random)
    let x: Matrix<Double> = random.matrix(rows: 3, cols: 5)
    let labels = [1, 0, 1]
    let loss = { SoftmaxHead.crossEntropy(logits: layer.forward(x).output, labels: labels).loss }
    let (logits, cache) = layer.forward(x)
    var grads = layer.parameters.zerosLike()
    let dx = layer.backward(
      SoftmaxHead.crossEntropy(logits: logits, labels: labels).dLogits, cache: cache, into: &grads)
    FiniteDifferences.check(grads.weight, of: loss, at: layer.parameters.weight, "W")
    FiniteDifferences.check(grads.bias, of: loss, at: layer.parameters.bias, "b")
    FiniteDifferences.check(dx, of: loss, at: x, "X")
  }

  /// Logits [0, ln 3]: P = [1/4, 3/4]; label 1 costs −ln(3/4), label 0 costs ln 4; the mean of the
  /// two rows is (ln 4 − ln(3/4)) / 2; dL/dZ = (P − onehot) / 2.
  func testTwoRowsByHand() {
    let logits = Matrix<Double>(rows: 2, cols: 2, data: [0, log(3), 0, log(3)])
    let (loss, logP, dLogits) = SoftmaxHead.crossEntropy(logits: logits, labels: [1, 0])
    assertClose(
      SoftmaxHead.probabilities(logits), Matrix(rows: 2, cols: 2, data: [0.25, 0.75, 0.25, 0.75]),
      relative: 1e-15, absolute: 1e-16, "P")
    XCTAssertEqual(loss, (log(4) - log(0.75)) / 2, accuracy: 1e-15)
    XCTAssertEqual(logP[0, 1], log(0.75), accuracy: 1e-15)
    assertClose(
      dLogits, Matrix(rows: 2, cols: 2, data: [0.125, -0.125, -0.375, 0.375]), relative: 1e-15,
      absolute: 1e-16, "dZ")
  }

  func testProbabilityRowsSumToOne() {
    var random = SplitMix64(seed: 32)
    let logits: Matrix<Float> = random.matrix(rows: 50, cols: 7)
    logits.scale(by: 20)
    let p = SoftmaxHead.probabilities(logits)
    for b in 0..<p.rows {
      let row = p.rows(b..<b + 1).scalars
      XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-6, "row \(b)")
      XCTAssertTrue(row.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
  }

  /// ±1000 would overflow e^z in either precision; after subtracting the row max the answers are
  /// exact: log P = [0, −2000] and [−ln 2, −ln 2].
  func testLogSoftmaxIsStableForHugeLogits() {
    let logits = Matrix<Float>(rows: 3, cols: 2, data: [1000, -1000, -1000, 1000, 1000, 1000])
    let (loss, logP, dLogits) = SoftmaxHead.crossEntropy(logits: logits, labels: [0, 0, 1])
    XCTAssertEqual(logP.scalars, [0, -2000, -2000, 0, -Float(log(2.0)), -Float(log(2.0))])
    XCTAssertEqual(loss, (0 + 2000 + Float(log(2.0))) / 3, accuracy: 1e-3)
    XCTAssertTrue(dLogits.isFinite)
    XCTAssertEqual(dLogits.scalars, [0, 0, -1.0 / 3, 1.0 / 3, 1.0 / 6, -1.0 / 6])
    XCTAssertTrue(SoftmaxHead.probabilities(logits).isFinite)
  }
}
