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
  /// all the way to w = 1; a second member that is always wrong keeps falling too.
  func testWeightFitPrefersTheInformativeMember() {
    let labels = [1, 0, 1, 0, 1, 0]
    let first = labels.map { $0 == 1 ? 0.9 : 0.1 }
    let fit = EnsembleWeight(first: first, second: Array(repeating: 0.5, count: 6), labels: labels)
    XCTAssertEqual(fit.best.weight, 1)
    XCTAssertEqual(fit.grid.count, 21)
    XCTAssertEqual(fit.best.accuracy, 1)
    XCTAssertEqual(fit.best.logLoss, -log(0.9), accuracy: 1e-12)
    let swapped = EnsembleWeight(first: Array(repeating: 0.5, count: 6), second: first, labels: labels)
    XCTAssertEqual(swapped.best.weight, 0)
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
    let point = EnsembleWeight.Point(weight: 0.4, logLoss: 0.3, accuracy: 0.9)
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
