import Foundation
import XCTest

/// Commands that do not share their work refuse to run under mpirun, rather than run N copies
/// writing the same files at once.
final class MPIRunRefusalTests: XCTestCase {
  func testEvaluateRefusesToRunUnderMPIRun() throws {
    _ = try SentimentTool.mpirun()
    let directory = try temporaryDirectory()
    try TestModel().save(in: directory, as: "model")
    let run = try SentimentTool.run(["evaluate", "--model", "model"], in: directory, ranks: 2)
    XCTAssertNotEqual(run.status, 0)
    XCTAssertTrue(run.errors.contains("only train, classify and pretrain --objective language-model share their work"), run.errors)
    // Rank 0 alone says it: two ranks' copies of the line would reach mpirun's output interleaved.
    XCTAssertEqual(run.errors.components(separatedBy: "run this command without mpirun").count - 1, 1, run.errors)
  }

  /// Skip-gram's single-threaded SGD has nothing to share: it refuses too.
  func testSkipGramPretrainingRefusesToRunUnderMPIRun() throws {
    _ = try SentimentTool.mpirun()
    let directory = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 10, into: directory)
    let run = try SentimentTool.run(
      ["pretrain", "--data", archive, "--no-unlabelled", "--output", "v", "--report", "v.md"],
      in: directory, ranks: 2)
    XCTAssertNotEqual(run.status, 0)
    XCTAssertEqual(run.errors.components(separatedBy: "run this command without mpirun").count - 1, 1, run.errors)
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("v").path))
  }
}
