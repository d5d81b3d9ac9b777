import Foundation
import SentimentKit
import XCTest

/// `mpirun -np N sentiment classify`: the inputs shared among 2 and 3 ranks, rank 0 writing every
/// row in input order, byte for byte what one process writes; a rank that fails ends the job.
final class ShardedClassifyTests: XCTestCase {
  /// A folder with a saved one-direction LSTM ("model") and "reviews/": `count` readable reviews
  /// of varied lengths, 5 chunks of 64 (so 2 and 3 ranks both see a short last round), and one
  /// empty file.
  private func workspace(count: Int = 300) throws -> URL {
    let directory = try temporaryDirectory()
    try TestModel(cell: .lstm, bidirectional: false).save(in: directory, as: "model")
    let reviews = directory.appendingPathComponent("reviews")
    try FileManager.default.createDirectory(at: reviews, withIntermediateDirectories: true)
    for index in 0..<count {
      let sentences = TestModel.sentences
      let text = (0...(index % 3)).map { sentences[(index + $0) % sentences.count] }.joined(
        separator: " ")
      try Data(text.utf8).write(
        to: reviews.appendingPathComponent(String(format: "r%03d.txt", index)))
    }
    try Data().write(to: reviews.appendingPathComponent("empty.txt"))
    return directory
  }

  func testRanksWriteTheSingleProcessRows() throws {
    _ = try SentimentTool.mpirun()
    let directory = try workspace()
    let arguments = ["classify", "--model", "model", "reviews"]
    let alone = try SentimentTool.run(arguments, in: directory)
    XCTAssertEqual(alone.status, 1, "the empty review fails: \(alone.errors)")
    XCTAssertEqual(alone.output.split(separator: "\n").count, 302)

    let two = try SentimentTool.run(arguments, in: directory, ranks: 2)
    XCTAssertEqual(two.status, 1, two.errors)
    XCTAssertEqual(two.output, alone.output, "2 ranks on standard output")

    let three = try SentimentTool.run(
      arguments + ["--format", "jsonl", "--output", "three.jsonl"], in: directory, ranks: 3)
    let aloneJSON = try SentimentTool.run(arguments + ["--format", "jsonl"], in: directory)
    XCTAssertEqual(three.status, 1, three.errors)
    XCTAssertEqual(
      try Data(contentsOf: directory.appendingPathComponent("three.jsonl")),
      Data(aloneJSON.output.utf8), "3 ranks into --output")
  }

  func testAFailingRankEndsTheJobAndLeavesNoOutput() throws {
    _ = try SentimentTool.mpirun()
    let directory = try workspace(count: 10)
    let run = try SentimentTool.run(
      ["classify", "--model", "model", "--output", "missing/rows.tsv", "reviews"], in: directory,
      ranks: 2)
    XCTAssertNotEqual(run.status, 0)
    XCTAssertTrue(run.errors.contains("Error: rank 0 of 2:"), run.errors)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: directory.appendingPathComponent("missing").path))
  }

  func testStandardInputIsRefusedUnderMPIRun() throws {
    _ = try SentimentTool.mpirun()
    let directory = try workspace(count: 1)
    let run = try SentimentTool.run(
      ["classify", "--model", "model", "-"], in: directory, input: "a fine film\n", ranks: 2)
    XCTAssertNotEqual(run.status, 0)
    XCTAssertTrue(run.errors.contains("reaches only rank 0"), run.errors)
  }
}
