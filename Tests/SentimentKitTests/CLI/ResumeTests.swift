import Foundation
import SentimentKit
import XCTest

/// `sentiment train` killed with SIGKILL (during its second epoch; at random moments, again and
/// again) and resumed ends with exactly the weights of an uninterrupted run with the same seed.
final class ResumeTests: XCTestCase {
  /// `train` on `archive` into `folder/name` for three epochs, always with the same seed.
  private func arguments(_ name: String, archive: String, in folder: URL) -> [String] {
    [
      "train", "--data", archive, "--epochs", "3", "--patience", "0", "--hidden", "16",
      "--embedding", "16", "--batch-size", "16", "--vocab-size", "50", "--seed", "11",
      "--model-dir", folder.appendingPathComponent(name).path,
      "--report", folder.appendingPathComponent("\(name).md").path,
    ]
  }

  /// Every tensor of `folder/b` equals `folder/a`'s.
  private func assertSameWeights(_ a: String, _ b: String, in folder: URL) throws {
    let first = try Safetensors(contentsOf: folder.appendingPathComponent("\(a)/model.safetensors"))
    let second = try Safetensors(contentsOf: folder.appendingPathComponent("\(b)/model.safetensors"))
    XCTAssertEqual(first.entries.map(\.name), second.entries.map(\.name))
    for entry in first.entries {
      XCTAssertEqual(
        try first.matrix(entry.name, as: Float.self).scalars,
        try second.matrix(entry.name, as: Float.self).scalars, "\(entry.name) differs after resuming")
    }
  }

  func testKilledRunResumesToTheUninterruptedWeights() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 400, into: folder)
    let whole = try SentimentTool.run(arguments("whole", archive: archive, in: folder))
    XCTAssertEqual(whole.status, 0, whole.errors)

    let interrupted = try SentimentTool.start(
      arguments("resumed", archive: archive, in: folder), log: folder.appendingPathComponent("killed.log"))
    let config = folder.appendingPathComponent("resumed/config.json")
    let deadline = Date().addingTimeInterval(120)
    while epochsCompleted(config) < 1 && interrupted.isRunning && Date() < deadline { usleep(2_000) }
    XCTAssertTrue(interrupted.isRunning, "the run ended before it could be killed in epoch 2")
    kill(interrupted.processIdentifier, SIGKILL)
    interrupted.waitUntilExit()
    XCTAssertEqual(interrupted.terminationReason, .uncaughtSignal)
    XCTAssertEqual(epochsCompleted(config), 1, "killed during epoch 2: the folder holds epoch 1")

    let resumed = try SentimentTool.run(arguments("resumed", archive: archive, in: folder) + ["--resume"])
    XCTAssertEqual(resumed.status, 0, resumed.errors)
    XCTAssertEqual(epochsCompleted(config), 3)
    try assertSameWeights("whole", "resumed", in: folder)
  }

  /// Kill drill: SIGKILL again and again at seeded random moments (before the first checkpoint,
  /// during epochs, during checkpoints), resuming each time: the same tensors as an uninterrupted
  /// run, and nothing left beside the folder. Every checkpoint a kill leaves is one --resume reads.
  func testRepeatedKillsAtRandomMomentsResumeToTheUninterruptedWeights() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 300, into: folder)
    let started = Date()
    let whole = try SentimentTool.run(arguments("whole", archive: archive, in: folder))
    XCTAssertEqual(whole.status, 0, whole.errors)
    let duration = Date().timeIntervalSince(started)  // the scale of the kill moments, no more

    let drilled = folder.appendingPathComponent("drilled")
    let log = folder.appendingPathComponent("drill.log")
    var generator = SplitMix64(seed: 2026)
    var finished = false
    var kills = 0
    // --resume once a checkpoint exists; before it, a fresh start (as a user would: there is
    // nothing to resume). On a loaded machine every kill may come before the first checkpoint.
    func drillArguments() -> [String] {
      let resuming = FileManager.default.fileExists(atPath: drilled.appendingPathComponent("config.json").path)
      return arguments("drilled", archive: archive, in: folder) + (resuming ? ["--resume"] : [])
    }
    for _ in 0..<8 where !finished {
      let run = try SentimentTool.start(drillArguments(), log: log)
      let fraction = 0.05 + Double(generator.next() % 850) / 1000  // 5–90% into a whole run
      usleep(UInt32(duration * fraction * 1e6))
      kill(run.processIdentifier, SIGKILL)
      run.waitUntilExit()
      finished = run.terminationReason == .exit
      if !finished { kills += 1 }
      if finished { XCTAssertEqual(run.terminationStatus, 0, (try? String(contentsOf: log, encoding: .utf8)) ?? "") }
    }
    if !finished {
      let last = try SentimentTool.run(drillArguments())
      XCTAssertEqual(last.status, 0, last.errors)
    }
    XCTAssertGreaterThan(kills, 0, "no run was interrupted")
    try assertSameWeights("whole", "drilled", in: folder)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".drilled") }, [],
      "nothing left beside the folder")
  }

  /// Epochs recorded in a model folder's config.json (0 while it does not exist).
  private func epochsCompleted(_ config: URL) -> Int {
    guard let data = try? Data(contentsOf: config),
      let saved = try? JSONDecoder().decode(ModelFolderConfig.self, from: data)
    else { return 0 }
    return saved.epochsCompleted
  }
}
