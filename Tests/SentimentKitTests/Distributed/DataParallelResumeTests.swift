import Foundation
import SentimentKit
import XCTest

/// A run under mpirun whose ranks are killed (SIGKILL) after its first checkpoint, resumed with
/// another number of ranks, ends with the weights of one uninterrupted process (the same
/// tolerance, 129 updates). SGD with momentum (its velocity is saved and restored as Adam's
/// moments are): the ranks' other order of summing each gradient differs by about 1e-7 relative
/// per update, and Adam, dividing by √v̂, can grow that chaotically over 129 updates (up to 1e-4
/// relative on this data), where SGD keeps it near its size. Per tensor ‖a − b‖₂ ≤ 1e-5 · ‖b‖₂
/// + 1e-6: the head's two biases are about 0.01 in norm, where rounding alone reaches 1e-5 of it.
final class DataParallelResumeTests: XCTestCase {
  private func arguments(_ name: String, archive: String, in folder: URL) -> [String] {
    DataParallelTrainingTests.arguments(
      name, archive: archive, in: folder, epochs: 3, batchSize: 64, seed: 5)
      + ["--optimizer", "sgd", "--momentum", "0.9", "--learning-rate", "0.1", "--weight-decay", "0"]
  }

  func testThreeRanksKilledResumeOnTwoToTheSingleProcessWeights() throws {
    let mpirun = try SentimentTool.mpirun()
    let tool = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 1500, into: folder)
    let whole = try SentimentTool.run(arguments("whole", archive: archive, in: folder))
    XCTAssertEqual(whole.status, 0, whole.errors)

    let job = Process()
    job.executableURL = mpirun
    job.arguments =
      ["--oversubscribe", "--allow-run-as-root", "-np", "3", tool.path]
      + arguments("resumed", archive: archive, in: folder)
    job.standardOutput = FileHandle.nullDevice
    job.standardError = FileHandle.nullDevice
    try job.run()
    let config = folder.appendingPathComponent("resumed/config.json")
    let deadline = Date().addingTimeInterval(120)
    while savedEpochs(in: config) < 1 && job.isRunning && Date() < deadline { usleep(2_000) }
    // SIGKILL to every rank, as when their machine fails: SIGTERM to mpirun ends the ranks only
    // about a second later, time enough for this small run to finish
    let pid = job.processIdentifier
    let children = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
    for rank in children.split(separator: " ").compactMap({ Int32($0) }) { kill(rank, SIGKILL) }
    job.waitUntilExit()
    XCTAssertNotEqual(job.terminationStatus, 0, "mpirun reports the killed ranks")
    XCTAssertLessThan(savedEpochs(in: config), 3, "killed before the last epoch")

    let resumed = try SentimentTool.run(
      arguments("resumed", archive: archive, in: folder) + ["--resume"], ranks: 2)
    XCTAssertEqual(resumed.status, 0, resumed.errors)
    XCTAssertTrue(resumed.errors.contains("resuming after epoch"), resumed.errors)
    try assertWeights(
      of: folder.appendingPathComponent("resumed"), match: folder.appendingPathComponent("whole"),
      within: 1e-5, plus: 1e-6, "3 ranks resumed on 2 differ from one process")
  }

  /// Epochs the folder's config.json says are done (0 while there is none).
  private func savedEpochs(in config: URL) -> Int {
    guard let data = try? Data(contentsOf: config),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return 0 }
    return object["epochsCompleted"] as? Int ?? 0
  }
}
