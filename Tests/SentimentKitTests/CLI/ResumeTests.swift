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
    let log = folder.appendingPathComponent("log.txt")
    func output() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    XCTAssertEqual(try SentimentTool.run(arguments("whole"), log: log), 0, output())

    let interrupted = try SentimentTool.start(arguments("resumed"), log: log)
    let config = folder.appendingPathComponent("resumed/config.json")
    let deadline = Date().addingTimeInterval(120)
    while epochsCompleted(config) < 1 && interrupted.isRunning && Date() < deadline { usleep(2_000) }
    XCTAssertTrue(interrupted.isRunning, "the run ended before it could be killed in epoch 2")
    kill(interrupted.processIdentifier, SIGKILL)
    interrupted.waitUntilExit()
    XCTAssertEqual(interrupted.terminationReason, .uncaughtSignal)
    XCTAssertEqual(epochsCompleted(config), 1, "killed during epoch 2: the folder holds epoch 1")

    XCTAssertEqual(try SentimentTool.run(arguments("resumed") + ["--resume"], log: log), 0, output())
    XCTAssertEqual(epochsCompleted(config), 3)
    let whole = try Safetensors(contentsOf: folder.appendingPathComponent("whole/model.safetensors"))
    let resumed = try Safetensors(contentsOf: folder.appendingPathComponent("resumed/model.safetensors"))
    XCTAssertEqual(whole.entries.map(\.name), resumed.entries.map(\.name))
    for entry in whole.entries {
      XCTAssertEqual(
        try whole.matrix(entry.name, as: Float.self).scalars,
        try resumed.matrix(entry.name, as: Float.self).scalars, "\(entry.name) differs after resuming")
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
