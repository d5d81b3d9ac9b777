import Foundation
import SentimentKit
import XCTest

/// `sentiment train`, `evaluate` and `compare` end to end on a small synthetic archive.
final class TrainCommandTests: XCTestCase {
  func testTrainEvaluateAndCompareWriteTheirReports() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 150, into: folder)
    let small = ["--hidden", "8", "--embedding", "8", "--batch-size", "16", "--vocab-size", "40"]

    let train = try SentimentTool.run(
      ["train", "--data", archive, "--epochs", "6", "--learning-rate", "0.01", "--cell", "gru", "--model-dir", "m", "--report", "r/train.md"] + small,
      in: folder)
    XCTAssertEqual(train.status, 0, train.errors)
    let report = try String(contentsOf: folder.appendingPathComponent("r/train.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("sentiment train --data"), "the report names its command")
    for chart in ["train-curves.svg", "train-confusion.svg", "train-roc.svg"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r/\(chart)").path), chart)
    }
    // The synthetic reviews are easy: a working trainer separates them.
    let figure = report.components(separatedBy: "**Test accuracy ").dropFirst().first?
      .prefix { $0 != "%" }
    XCTAssertGreaterThan(try XCTUnwrap(figure.flatMap { Double($0) }, report), 90, report)

    let evaluate = try SentimentTool.run(["evaluate", "--data", archive, "--model", "m", "--report", "r/eval.md"], in: folder)
    XCTAssertEqual(evaluate.status, 0, evaluate.errors)
    XCTAssertTrue(evaluate.output.contains("test accuracy"), evaluate.output)

    let compare = try SentimentTool.run(
      ["compare", "--data", archive, "--models", "elman,bilstm", "--epochs", "1", "--models-dir", "c", "--report", "r/compare.md"] + small,
      in: folder)
    XCTAssertEqual(compare.status, 0, compare.errors)
    let comparison = try String(contentsOf: folder.appendingPathComponent("r/compare.md"), encoding: .utf8)
    XCTAssertTrue(comparison.contains("| Elman |") && comparison.contains("| BiLSTM |"), comparison)
    XCTAssertTrue(comparison.contains("| NBSVM uni+bi+tri (logistic regression) |"), "the linear baseline by default")
    XCTAssertTrue(comparison.contains("(95% CI ") && comparison.contains("McNemar"), comparison)

    let missing = try SentimentTool.run(["evaluate", "--data", archive, "--model", "nowhere"], in: folder)
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(missing.errors.contains("nowhere"), missing.errors)
  }
}
