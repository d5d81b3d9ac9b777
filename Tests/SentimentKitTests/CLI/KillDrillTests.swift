import Foundation
import SentimentKit
import XCTest

/// `sentiment train` SIGKILLed again and again at seeded random moments (before the first
/// checkpoint, during epochs, during checkpoints) and resumed each time ends with exactly the
/// tensors of an uninterrupted run: every checkpoint a kill leaves is one `--resume` reads.
final class KillDrillTests: XCTestCase {
  func testRepeatedKillsResumeToTheUninterruptedWeights() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 300, into: folder)
    func arguments(_ name: String) -> [String] {
      [
        "train", "--data", archive, "--epochs", "4", "--patience", "0", "--hidden", "8",
        "--embedding", "8", "--batch-size", "16", "--vocab-size", "50", "--seed", "5",
        "--model-dir", folder.appendingPathComponent(name).path,
        "--report", folder.appendingPathComponent("\(name).md").path,
      ]
    }
    let started = Date()
    let whole = try SentimentTool.run(arguments("whole"))
    XCTAssertEqual(whole.status, 0, whole.errors)
    let duration = Date().timeIntervalSince(started)  // the scale of the kill moments, no more

    let drilled = folder.appendingPathComponent("drilled")
    let log = folder.appendingPathComponent("drill.log")
    var generator = SplitMix64(seed: 2026)
    var finished = false
    var kills = 0
    for _ in 0..<8 where !finished {
      let resuming = FileManager.default.fileExists(atPath: drilled.appendingPathComponent("config.json").path)
      let run = try SentimentTool.start(arguments("drilled") + (resuming ? ["--resume"] : []), log: log)
      let fraction = 0.05 + Double(generator.next() % 850) / 1000  // 5–90% into a whole run
      usleep(UInt32(duration * fraction * 1e6))
      kill(run.processIdentifier, SIGKILL)
      run.waitUntilExit()
      finished = run.terminationReason == .exit
      if !finished { kills += 1 }
      if finished { XCTAssertEqual(run.terminationStatus, 0, (try? String(contentsOf: log, encoding: .utf8)) ?? "") }
    }
    if !finished {
      let last = try SentimentTool.run(arguments("drilled") + ["--resume"])
      XCTAssertEqual(last.status, 0, last.errors)
    }
    XCTAssertGreaterThan(kills, 0, "no run was interrupted")
    let a = try Safetensors(contentsOf: folder.appendingPathComponent("whole/model.safetensors"))
    let b = try Safetensors(contentsOf: drilled.appendingPathComponent("model.safetensors"))
    XCTAssertEqual(a.entries.map(\.name), b.entries.map(\.name))
    for entry in a.entries {
      XCTAssertEqual(
        try a.matrix(entry.name, as: Float.self).scalars,
        try b.matrix(entry.name, as: Float.self).scalars, "\(entry.name) differs after the drill")
    }
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".drilled") }, [],
      "nothing left beside the folder")
  }
}
