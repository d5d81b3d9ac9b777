import Foundation
import SentimentKit
import XCTest

/// `sentiment train` killed with SIGKILL during its second epoch and resumed ends with exactly the
/// weights of an uninterrupted run with the same seed.
final class ResumeTests: XCTestCase {
  func testKilledRunResumesToTheUninterruptedWeights() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 400, into: folder)
    func arguments(_ name: String) -> [String] {
      [
        "train", "--data", archive, "--epochs", "3", "--patience", "0", "--hidden", "16",
        "--embedding", "16", "--batch-size", "16", "--vocab-size", "50", "--seed", "11",
        "--model-dir", folder.appendingPathComponent(name).path,
        "--report", folder.appendingPathComponent("\(name).md").path,
      ]
    }
    let whole = try SentimentTool.run(arguments("whole"))
    XCTAssertEqual(whole.status, 0, whole.errors)

    let interrupted = try SentimentTool.start(
      arguments("resumed"), log: folder.appendingPathComponent("killed.log"))
    let config = folder.appendingPathComponent("resumed/config.json")
    let deadline = Date().addingTimeInterval(120)
    while epochsCompleted(config) < 1 && interrupted.isRunning && Date() < deadline { usleep(2_000) }
    XCTAssertTrue(interrupted.isRunning, "the run ended before it could be killed in epoch 2")
    kill(interrupted.processIdentifier, SIGKILL)
    interrupted.waitUntilExit()
    XCTAssertEqual(interrupted.terminationReason, .uncaughtSignal)
    XCTAssertEqual(epochsCompleted(config), 1, "killed during epoch 2: the folder holds epoch 1")

    let resumed = try SentimentTool.run(arguments("resumed") + ["--resume"])
    XCTAssertEqual(resumed.status, 0, resumed.errors)
    XCTAssertEqual(epochsCompleted(config), 3)
    let a = try Safetensors(contentsOf: folder.appendingPathComponent("whole/model.safetensors"))
    let b = try Safetensors(contentsOf: folder.appendingPathComponent("resumed/model.safetensors"))
    XCTAssertEqual(a.entries.map(\.name), b.entries.map(\.name))
    for entry in a.entries {
      XCTAssertEqual(
        try a.matrix(entry.name, as: Float.self).scalars,
        try b.matrix(entry.name, as: Float.self).scalars, "\(entry.name) differs after resuming")
    }
  }

  /// Epochs recorded in a model folder's config.json (0 while it does not exist).
  private func epochsCompleted(_ config: URL) -> Int {
    guard let data = try? Data(contentsOf: config),
      let saved = try? JSONDecoder().decode(ModelFolderConfig.self, from: data)
    else { return 0 }
    return saved.epochsCompleted
  }
}
