import Foundation
import SentimentKit
import XCTest

/// A run under mpirun killed after its first checkpoint and resumed with another number of ranks
/// ends with the weights of one uninterrupted process (the same tolerance, ~130 updates).
final class DataParallelResumeTests: XCTestCase {
  private func arguments(_ name: String, archive: String, in folder: URL) -> [String] {
    DataParallelTrainingTests.arguments(
      name, archive: archive, in: folder, epochs: 3, batchSize: 64, seed: 5)
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
    while !saved(epoch: 1, in: config) && job.isRunning && Date() < deadline { usleep(2_000) }
    job.terminate()  // SIGTERM to mpirun, which ends every rank
    job.waitUntilExit()

    let resumed = try SentimentTool.run(
      arguments("resumed", archive: archive, in: folder) + ["--resume"], ranks: 2)
    XCTAssertEqual(resumed.status, 0, resumed.errors)
    XCTAssertTrue(
      resumed.errors.contains("resuming after epoch 1")
        || resumed.errors.contains("resuming after epoch 2"),
      "the 3-rank run was killed before its last epoch: \(resumed.errors)")
    try assertWeights(
      of: folder.appendingPathComponent("resumed"), match: folder.appendingPathComponent("whole"),
      within: 1e-5, "3 ranks resumed on 2 differ from one process")
  }

  /// Whether the folder's config.json names `epoch` epochs completed.
  private func saved(epoch: Int, in config: URL) -> Bool {
    guard let data = try? Data(contentsOf: config),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return false }
    return object["epochsCompleted"] as? Int == epoch
  }
}
