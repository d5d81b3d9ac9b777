import Foundation
import SentimentKit
import XCTest

/// `sentiment train-ensemble` end to end on a small synthetic archive: three members of two
/// kinds, their weights fitted on validation and saved, `evaluate` reading the folder; members
/// of different samples, or one named twice, refused before anything is written.
final class TrainEnsembleCommandTests: XCTestCase {
  private func recurrent(_ name: String, seed: String, archive: String, in folder: URL) throws {
    let run = try SentimentTool.run(
      [
        "train", "--data", archive, "--epochs", "2", "--hidden", "8", "--embedding", "8", "--vocab-size", "60",
        "--seed", seed, "--model-dir", name, "--report", "\(name).md",
      ], in: folder)
    XCTAssertEqual(run.status, 0, run.errors)
  }

  func testThreeMembersFitTheirWeightsOnValidation() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 120, into: folder)
    try recurrent("lstm", seed: "42", archive: archive, in: folder)
    let gru = try SentimentTool.run(
      [
        "train", "--data", archive, "--epochs", "2", "--cell", "gru", "--hidden", "8", "--embedding", "8",
        "--vocab-size", "60", "--model-dir", "gru", "--report", "gru.md",
      ], in: folder)
    XCTAssertEqual(gru.status, 0, gru.errors)
    let linear = try SentimentTool.run(
      ["train-linear", "--data", archive, "--model-dir", "linear", "--report", "linear.md"], in: folder)
    XCTAssertEqual(linear.status, 0, linear.errors)

    let run = try SentimentTool.run(
      ["train-ensemble", "--data", archive, "--members", "lstm,gru,linear", "--model-dir", "three", "--report", "three.md"],
      in: folder)
    XCTAssertEqual(run.status, 0, run.errors)
    let config = try JSONDecoder().decode(
      EnsembleFolderConfig.self, from: Data(contentsOf: folder.appendingPathComponent("three/config.json")))
    let report = try String(contentsOf: folder.appendingPathComponent("three.md"), encoding: .utf8)
    let all = ["../lstm", "../gru", "../linear"]
    XCTAssertFalse(config.members.isEmpty)
    XCTAssertEqual(all.filter(config.members.contains), config.members, "in the order given")
    XCTAssertEqual(config.weights.count, config.members.count)
    XCTAssertEqual(config.weights.reduce(0, +), 1, accuracy: 1e-9)
    for w in config.weights {
      XCTAssertGreaterThan(w, 0, "a member of weight 0 is left out")
      XCTAssertEqual((w * 20).rounded(), w * 20, accuracy: 1e-9, "on the grid of step 0.05")
    }
    if config.members.count < 3 { XCTAssertTrue(report.contains("left out of the saved ensemble"), report) }
    XCTAssertTrue(report.contains("of the grid's 231"), report)
    XCTAssertTrue(report.contains("(chosen)"), report)
    XCTAssertTrue(run.errors.contains("ensemble (w = "), run.errors)

    let evaluate = try SentimentTool.run(["evaluate", "--data", archive, "--model", "three", "--report", "e.md"], in: folder)
    XCTAssertEqual(evaluate.status, 0, evaluate.errors)
    let figure = report.components(separatedBy: "**Test accuracy ").dropFirst().first?.prefix { $0 != "%" }
    XCTAssertTrue(evaluate.output.contains("test accuracy \(try XCTUnwrap(figure))%"), evaluate.output + report)
  }

  func testMembersOfDifferentSamplesOrNamedTwiceAreRefused() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 60, into: folder)
    try recurrent("a", seed: "42", archive: archive, in: folder)
    try recurrent("b", seed: "7", archive: archive, in: folder)

    let twice = try SentimentTool.run(["train-ensemble", "--data", archive, "--members", "a,./a", "--model-dir", "e"], in: folder)
    XCTAssertEqual(twice.status, 64)
    XCTAssertTrue(twice.errors.contains("--members names a more than once"), twice.errors)
    let one = try SentimentTool.run(["train-ensemble", "--data", archive, "--members", "a", "--model-dir", "e"], in: folder)
    XCTAssertEqual(one.status, 64)
    XCTAssertTrue(one.errors.contains("two to 8 model folders, not 1"), one.errors)

    let mixed = try SentimentTool.run(
      ["train-ensemble", "--data", archive, "--members", "a,b", "--model-dir", "e", "--report", "e.md"], in: folder)
    XCTAssertNotEqual(mixed.status, 0)
    XCTAssertTrue(mixed.errors.contains("a and b were trained on different samples"), mixed.errors)
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("e").path), "nothing written")
  }
}
