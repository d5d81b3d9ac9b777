import Foundation
import SentimentKit
import XCTest

/// `sentiment train-linear`, then `evaluate` and `classify` on the linear model folder, end to
/// end on a small synthetic archive.
final class TrainLinearCommandTests: XCTestCase {
  func testTrainLinearEvaluateAndClassify() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 100, into: folder)

    let train = try SentimentTool.run(
      ["train-linear", "--data", archive, "--model-dir", "m", "--report", "r/nbsvm.md", "--c", "0.5,2"], in: folder)
    XCTAssertEqual(train.status, 0, train.errors)
    let report = try String(contentsOf: folder.appendingPathComponent("r/nbsvm.md"), encoding: .utf8)
    XCTAssertTrue(report.hasPrefix("`sentiment train-linear --data"), "the first line is the command")
    XCTAssertTrue(report.contains("| 0.5") && report.contains("| 2.0"), "both candidates reported")
    XCTAssertTrue(report.contains("(95% CI "), report)
    let figure = report.components(separatedBy: "**Test accuracy ").dropFirst().first?.prefix { $0 != "%" }
    XCTAssertGreaterThan(try XCTUnwrap(figure.flatMap { Double($0) }, report), 90, report)
    for file in ["config.json", "model.safetensors", "ngrams.txt"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("m/\(file)").path), file)
    }

    let evaluate = try SentimentTool.run(["evaluate", "--data", archive, "--model", "m", "--report", "r/eval.md"], in: folder)
    XCTAssertEqual(evaluate.status, 0, evaluate.errors)
    XCTAssertTrue(evaluate.output.contains("test accuracy \(try XCTUnwrap(figure))%"), evaluate.output + report)

    let reviews = "a superb and moving film\nawful, boring, tedious\n\n"
    let classify = try SentimentTool.run(["classify", "--model", "m", "-"], in: folder, input: reviews)
    XCTAssertEqual(classify.status, 1, "the empty line fails")
    let rows = classify.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    XCTAssertEqual(rows.count, 4, classify.output)
    XCTAssertEqual(rows[1][1], "pos")
    XCTAssertEqual(rows[2][1], "neg")
    XCTAssertEqual(rows[3].last.map(String.init), "empty review")

    let bad = try SentimentTool.run(["train-linear", "--data", archive, "--c", "1,x"], in: folder)
    XCTAssertEqual(bad.status, 64)
    XCTAssertTrue(bad.errors.contains("--c: 'x' is not a number"), bad.errors)
  }
}
