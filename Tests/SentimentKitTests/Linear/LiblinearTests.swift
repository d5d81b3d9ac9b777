import Foundation
import SentimentKit
import XCTest

/// liblinear through `LiblinearProblem` against problems solved by hand, and against the
/// optimality condition of the logistic-regression objective.
final class LiblinearTests: XCTestCase {
  /// Two points on a line, x = +1 (pos) and x = −1 (neg), with the constant bias feature. By
  /// symmetry b = 0, and the squared-hinge objective ½w² + C·2(1 − w)² (both margins 1 − w < 1)
  /// has dw = w − 4C(1 − w) = 0 at w = 4C / (1 + 4C): 0.8 for C = 1, 1/3 for C = 1/8.
  func testSquaredHingeSVMOnTwoSymmetricPointsMatchesTheHandSolution() throws {
    for (c, expected) in [(1.0, 0.8), (0.125, 1.0 / 3)] {
      let problem = LiblinearProblem(features: SparseRows([[(0, 1)], [(0, -1)]], columns: 1), labels: [1, 0])
      let model = try problem.train(solver: .svm, c: c, tolerance: 1e-8)
      XCTAssertEqual(model.weights[0], expected, accuracy: 1e-6, "C = \(c)")
      XCTAssertEqual(model.bias, 0, accuracy: 1e-6, "C = \(c)")
      XCTAssertEqual(model.decisionValue([(0, 0.5)]), expected / 2, accuracy: 1e-6)
      XCTAssertNil(model.probability([(0, 0.5)]), "the SVM gives no probabilities")
    }
  }

  /// The same two points in two dimensions, (1, 0) pos and (−1, 0) neg, listed neg first so that
  /// liblinear's first label is neg: the weights still point to pos, the unused feature is 0.
  func testWeightsPointToPosWhateverLabelComesFirst() throws {
    let problem = LiblinearProblem(
      features: SparseRows([[(0, -1)], [(0, 1)]], columns: 2), labels: [0, 1])
    let model = try problem.train(solver: .svm, c: 1, tolerance: 1e-8)
    XCTAssertEqual(model.weights[0], 0.8, accuracy: 1e-6)
    XCTAssertEqual(model.weights[1], 0, accuracy: 1e-12)
    XCTAssertGreaterThan(model.decisionValue([(0, 1)]), 0)
  }

  /// Logistic regression on the two symmetric points: b = 0 and w is the fixed point of
  /// w = 2C·σ(−w) (the gradient w − C Σ y_i σ(−y_i w x_i) x_i vanishes), which for C = 1 is
  /// w ≈ 0.6749 (found below by Newton's method on g(w) = w − 2σ(−w), g' = 1 + 2σ(w)σ(−w)).
  func testLogisticRegressionOnTwoSymmetricPointsMatchesTheFixedPoint() throws {
    func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    var w = 1.0
    for _ in 0..<50 { w -= (w - 2 * sigmoid(-w)) / (1 + 2 * sigmoid(w) * sigmoid(-w)) }
    XCTAssertEqual(w, 0.6749, accuracy: 1e-4, "the hand value")
    let problem = LiblinearProblem(features: SparseRows([[(0, 1)], [(0, -1)]], columns: 1), labels: [1, 0])
    let model = try problem.train(solver: .logisticRegression, c: 1, tolerance: 1e-10)
    XCTAssertEqual(model.weights[0], w, accuracy: 1e-6)
    XCTAssertEqual(model.bias, 0, accuracy: 1e-6)
    let p = try XCTUnwrap(model.probability([(0, 1)]))
    XCTAssertEqual(p, sigmoid(model.decisionValue([(0, 1)])), accuracy: 1e-12, "p = σ(d)")
    XCTAssertEqual(p, sigmoid(w), accuracy: 1e-6)
  }

  /// On a random overlapping problem of 40 points in 3 dimensions the fitted ŵ = (w, b) meets
  /// the optimality condition of ½‖ŵ‖² + C Σ log(1 + e^{−y ŵᵀx̂}):
  ///   ŵ = C Σ_i y_i σ(−y_i ŵᵀx̂_i) x̂_i,      x̂ = (x, 1).
  func testLogisticRegressionMeetsItsOptimalityCondition() throws {
    var generator = SplitMix64(seed: 3)
    var features = SparseRows(columnCount: 3)
    var labels: [Int] = []
    var points: [[Double]] = []
    for _ in 0..<40 {
      let y = Int.random(in: 0...1, using: &generator)
      let x = (0..<3).map { j in
        Double(Float(Double.random(in: -1...1, using: &generator) + (j == 0 ? (y == 1 ? 0.5 : -0.5) : 0)))
      }
      features.append(row: x.enumerated().map { (Int32($0.offset), Float($0.element)) })
      labels.append(y)
      points.append(x + [1])
    }
    let c = 2.0
    let model = try LiblinearProblem(features: features, labels: labels)
      .train(solver: .logisticRegression, c: c, tolerance: 1e-12)
    let w = model.weights + [model.bias]
    var residual = w
    for (x, label) in zip(points, labels) {
      let y = label == 1 ? 1.0 : -1.0
      let margin = y * zip(w, x).map(*).reduce(0, +)
      for j in 0..<4 { residual[j] -= c * y * (1 / (1 + exp(margin))) * x[j] }
    }
    for (j, r) in residual.enumerated() {
      XCTAssertEqual(r, 0, accuracy: 1e-6, "optimality condition, coordinate \(j)")
    }
    XCTAssertGreaterThan(model.weights[0], 0, "the informative feature points to pos")
  }

  func testRefusesANonPositiveConstantWithLiblinearsReason() {
    let problem = LiblinearProblem(features: SparseRows([[(0, 1)], [(0, -1)]], columns: 1), labels: [1, 0])
    XCTAssertThrowsError(try problem.train(solver: .logisticRegression, c: 0)) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("liblinear") && text.contains("C <= 0") && text.contains("C = 0.0"), text)
    }
    let empty = LiblinearProblem(features: SparseRows(columnCount: 2), labels: [])
    XCTAssertThrowsError(try empty.train(solver: .svm, c: 1)) { error in
      XCTAssertTrue("\(error)".contains("no rows"), "\(error)")
    }
  }
}
