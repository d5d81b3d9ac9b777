import Foundation
import SentimentKit
import XCTest

/// Training keeps the best-validation epoch: a run that overfits (a small train split, many
/// epochs, a high rate) ends holding exactly the weights that a run stopped at that epoch (the
/// lowest validation loss, with `--monitor loss`) holds,
/// and its config and report say which epoch it kept.
final class BestEpochTests: XCTestCase {
  func testTheModelFolderHoldsTheLowestValidationLossEpoch() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 60, into: folder)
    func train(_ name: String, epochs: Int) throws -> URL {
      let run = try SentimentTool.run([
        "train", "--data", archive, "--epochs", "\(epochs)", "--patience", "0", "--hidden", "32",
        "--embedding", "16", "--batch-size", "8", "--vocab-size", "50", "--learning-rate", "0.03",
        "--seed", "5", "--monitor", "loss", "--schedule", "constant", "--dropout", "0",
        "--word-dropout", "0", "--input-dropout", "0", "--output-dropout", "0", "--weight-dropout", "0",
        "--model-dir", folder.appendingPathComponent(name).path,
        "--report", folder.appendingPathComponent("\(name).md").path,
      ])
      XCTAssertEqual(run.status, 0, run.errors)
      return folder.appendingPathComponent(name)
    }
    let long = try train("long", epochs: 10)
    let (state, _) = try TrainingState.read(from: long)
    let losses = state.history.map { $0.validationLoss ?? .infinity }
    let best = losses.indices.min { losses[$0] < losses[$1] }! + 1  // monitored: --monitor loss
    guard best < 10 else {
      return XCTFail("the setup should overfit before epoch 10; validation losses \(losses)")
    }
    XCTAssertEqual(state.restoredEpoch, best)
    XCTAssertEqual(state.bestEpoch, best)
    let report = try String(contentsOf: folder.appendingPathComponent("long.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("epoch \(best) (best validation loss)"), "the report names it")

    let short = try train("short", epochs: best)
    let a = try Safetensors(contentsOf: long.appendingPathComponent("model.safetensors"))
    let b = try Safetensors(contentsOf: short.appendingPathComponent("model.safetensors"))
    for entry in a.entries {
      XCTAssertEqual(
        try a.matrix(entry.name, as: Float.self).scalars,
        try b.matrix(entry.name, as: Float.self).scalars, "\(entry.name) is not epoch \(best)'s")
    }
  }
}
