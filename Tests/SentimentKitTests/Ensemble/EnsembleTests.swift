import Foundation
import SentimentKit
import XCTest

/// The ensemble's combination, its weight fit and its folder.
final class EnsembleTests: XCTestCase {
  /// logit p = w·logit p₁ + (1 − w)·logit p₂: with p₁ = 0.8 (logit ln 4), p₂ = 0.2 (logit −ln 4)
  /// and w = ¾, logit p = ½ ln 4 = ln 2, p = ⅔; a missing member probability gives none.
  func testWeightedMeanOfLogProbabilities() throws {
    let combined = EnsembleModel.combine([[0.8, 0.8, nil], [0.2, 0.8, 0.5]], weights: [0.75, 0.25])
    XCTAssertEqual(try XCTUnwrap(combined[0]), 2.0 / 3, accuracy: 1e-12)
    XCTAssertEqual(try XCTUnwrap(combined[1]), 0.8, accuracy: 1e-12, "agreeing members")
    XCTAssertNil(combined[2])
  }

  /// A first member that is always right at 0.9 and a second that is a coin: the log-loss falls
  /// all the way to w = (1, 0); swapped, to (0, 1).
  func testWeightFitPrefersTheInformativeMember() {
    let labels = [1, 0, 1, 0, 1, 0]
    let first = labels.map { $0 == 1 ? 0.9 : 0.1 }
    let coin = Array(repeating: 0.5, count: 6)
    let fit = EnsembleWeights(members: [first, coin], labels: labels)
    XCTAssertEqual(fit.best.weights, [1, 0])
    XCTAssertEqual(fit.grid.count, 21)
    XCTAssertEqual(fit.grid.map { $0.weights[0] }, (0...20).map { Double($0) / 20 }, "first member's weight ascending")
    XCTAssertEqual(fit.best.accuracy, 1)
    XCTAssertEqual(fit.best.logLoss, -log(0.9), accuracy: 1e-12)
    let swapped = EnsembleWeights(members: [coin, first], labels: labels)
    XCTAssertEqual(swapped.best.weights, [0, 1])
  }

  /// Three members, the grid of step 1/20: C(22, 2) = 231 points, each summing to 1; each
  /// point's log-loss and accuracy are the combination's as `EnsembleModel.combine` and
  /// `BinaryMetrics` give them; the best is the grid's least log-loss. Two members each right on
  /// a different half of the reviews are worth more together than either alone.
  func testThreeMemberGridScoresEveryPointAsTheCombination() {
    let labels = [1, 0, 1, 0, 1, 0, 1, 0]
    let left: [Double?] = [0.9, 0.1, 0.9, 0.1, 0.4, 0.6, 0.4, 0.6]  // right on the first half
    let right: [Double?] = [0.4, 0.6, 0.4, 0.6, 0.9, 0.1, 0.9, 0.1]  // right on the second half
    let noisy: [Double?] = [0.6, 0.7, 0.2, 0.4, nil, 0.5, 0.8, 0.3]
    let fit = EnsembleWeights(members: [left, right, noisy], labels: labels)
    XCTAssertEqual(fit.steps, 20)
    XCTAssertEqual(fit.grid.count, 231)
    for point in fit.grid {
      XCTAssertEqual(point.weights.reduce(0, +), 1, accuracy: 1e-12)
      let combined = EnsembleModel.combine([left, right, noisy], weights: point.weights).map { $0 ?? 0.5 }
      let metrics = BinaryMetrics(probabilities: combined, labels: labels)
      XCTAssertEqual(point.logLoss, metrics.logLoss, accuracy: 1e-12, "\(point.weights)")
      XCTAssertEqual(point.accuracy, metrics.accuracy, "\(point.weights)")
    }
    XCTAssertEqual(fit.best.logLoss, fit.grid.map(\.logLoss).min())
    XCTAssertGreaterThan(fit.best.weights[0], 0)
    XCTAssertGreaterThan(fit.best.weights[1], 0)
    let alone = fit.grid.first { $0.weights == [1, 0, 0] }!
    XCTAssertLessThan(fit.best.logLoss, alone.logLoss)
  }

  /// Many members: the step grows until the grid has at most `maximumPoints` points.
  func testLargeEnsemblesUseACoarserGrid() {
    XCTAssertEqual(EnsembleWeights.pointCount(members: 3, steps: 20), 231)
    XCTAssertEqual(EnsembleWeights.pointCount(members: 8, steps: 10), 19_448)
    XCTAssertEqual(EnsembleWeights.compositions(of: 3, into: 2), [[0, 3], [1, 2], [2, 1], [3, 0]])
    let members = (0..<8).map { k in (0..<4).map { i -> Double? in Double(k + i + 1) / 13 } }
    let fit = EnsembleWeights(members: members, labels: [1, 0, 1, 0])
    XCTAssertEqual(fit.steps, 10)
    XCTAssertEqual(fit.grid.count, 19_448)
    XCTAssertEqual(Set(fit.grid.map(\.weights)).count, fit.grid.count, "no point twice")
  }

  /// An ensemble folder of a recurrent and a linear folder loads as `.ensemble` and classifies
  /// as the combination of its members; member paths are stored relative to it.
  func testFolderOfARecurrentAndALinearMember() throws {
    let directory = try temporaryDirectory()
    let recurrent = try TestModel().save(in: directory, as: "rnn").url
    let texts = LabelledTexts(
      texts: TestModel.sentences + TestModel.sentences, labels: [1, 0, 1, 0, 1, 0, 1, 0],
      sources: (0..<8).map { "r\($0)" })
    var config = LinearConfig()
    config.minCount = 1
    let linear = try LinearTrainer(config: config).fit(texts, c: 1, in: Job(progressStyle: .silent))
    let linearFolder = directory.appendingPathComponent("linear")
    try LinearModelFolder(linearFolder).save(linear)
    let folder = directory.appendingPathComponent("ensembles/both")
    let point = EnsembleWeights.Point(weights: [0.4, 0.6], logLoss: 0.3, accuracy: 0.9)
    try EnsembleFolder(folder).save(members: [recurrent, linearFolder], weights: [0.4, 0.6], fit: point, threshold: 0.5)
    let json = try String(contentsOf: folder.appendingPathComponent("config.json"), encoding: .utf8)
    XCTAssertTrue(json.contains("\"../../rnn\"") && json.contains("\"../../linear\""), json)
    XCTAssertEqual(try ModelKind.kind(of: folder), .ensemble)
    let ensemble = try ModelKind.load(folder)
    let probe = ["A wonderful film", "bad jokes and a boring plot", "?!"]
    let members = [try ModelKind.load(recurrent), try ModelKind.load(linearFolder)]
    let expected = EnsembleModel.combine(
      members.map { $0.classProbabilities(ofTexts: probe).map { $0?[1] } }, weights: [0.4, 0.6])
    XCTAssertEqual(
      ensemble.classProbabilities(ofTexts: probe).map { $0?.map(\.bitPattern) },
      expected.map { $0.map { [(1 - $0).bitPattern, $0.bitPattern] } })
    XCTAssertNil(expected[2], "no words")

    try json.replacingOccurrences(of: "0.6", with: "0.7").write(
      to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try ModelKind.load(folder)) { error in
      XCTAssertTrue("\(error)".contains("config.json: weights must be non-negative and sum to 1"), "\(error)")
    }
  }
}
