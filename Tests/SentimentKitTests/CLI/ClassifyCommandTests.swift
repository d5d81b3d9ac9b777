import Foundation
import SentimentKit
import XCTest

/// `sentiment classify` run as a process: the built binary beside the test bundle (or
/// .build/release/sentiment from the repository root) on a small saved model.
final class ClassifyCommandTests: XCTestCase {
  /// Runs `sentiment arguments…` in `directory`, standard input from `input` (empty if nil).
  func run(_ arguments: [String], in directory: URL, input: String? = nil) throws
    -> SentimentTool.Outcome
  {
    try SentimentTool.run(arguments, in: directory, input: input)
  }

  /// A folder with a saved model ("model") and reviews: "reviews/" holds `good` readable
  /// reviews and one with invalid UTF-8.
  func workspace(good: Int) throws -> URL {
    let directory = try temporaryDirectory()
    try TestModel(cell: .lstm, bidirectional: true).save(in: directory, as: "model")
    let reviews = directory.appendingPathComponent("reviews/nested")
    try FileManager.default.createDirectory(at: reviews, withIntermediateDirectories: true)
    for index in 0..<good {
      let text = TestModel.sentences[index % TestModel.sentences.count]
      try Data(text.utf8).write(to: reviews.appendingPathComponent("r\(index).txt"))
    }
    try Data([0x61, 0x20, 0xFF]).write(to: reviews.appendingPathComponent("bad.txt"))
    return directory
  }

  func testFolderWithABadFileWritesEveryRowThenExitsOne() throws {
    let directory = try workspace(good: 30)
    let outcome = try run(["classify", "--model", "model", "reviews"], in: directory)
    XCTAssertEqual(outcome.status, 1, outcome.errors)
    let (header, rows) = ParsedRows.tsv(outcome.output)
    XCTAssertEqual(header, ["source", "label", "probability", "p_neg", "p_pos", "error"])
    XCTAssertEqual(rows.count, 31)
    XCTAssertEqual(rows.filter { !$0[5].isEmpty }.map { $0[0] }, ["reviews/nested/bad.txt"])
    XCTAssertTrue(outcome.errors.contains("1 of 31 inputs"), outcome.errors)
  }

  /// `--output` writes the file and nothing to standard output, leaving no temporary file; a
  /// run that fails (no folder for the output, a broken model) leaves no file, or an existing
  /// one as it was.
  func testOutputFileIsWrittenAtomically() throws {
    let directory = try workspace(good: 5)
    let early = try run(
      ["classify", "--model", "model", "--output", "out/rows.tsv", "reviews"], in: directory)
    XCTAssertEqual(early.status, 1)
    XCTAssertTrue(early.errors.contains("out/rows.tsv: cannot create"), early.errors)
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path + "/out"))

    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("out"), withIntermediateDirectories: true)
    let written = try run(
      ["classify", "--model", "model", "--format", "csv", "--output", "out/rows.csv", "reviews"],
      in: directory)
    XCTAssertEqual(written.status, 1, written.errors)
    XCTAssertEqual(written.output, "")
    let out = directory.appendingPathComponent("out")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["rows.csv"])
    let text = try String(contentsOf: out.appendingPathComponent("rows.csv"), encoding: .utf8)
    XCTAssertEqual(ParsedRows.csv(text).rows.count, 6)

    try FileManager.default.removeItem(at: directory.appendingPathComponent("model/vocab.txt"))
    let broken = try run(
      ["classify", "--model", "model", "--output", "out/rows.csv", "reviews"], in: directory)
    XCTAssertEqual(broken.status, 1)
    XCTAssertTrue(broken.errors.hasPrefix("Error: "), broken.errors)
    XCTAssertTrue(broken.errors.contains("model/vocab.txt: missing"), broken.errors)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["rows.csv"])
    XCTAssertEqual(
      try String(contentsOf: out.appendingPathComponent("rows.csv"), encoding: .utf8), text)
  }

  func testStandardInput() throws {
    let directory = try workspace(good: 1)
    let outcome = try run(
      ["classify", "--model", "model", "--format", "jsonl", "-"], in: directory,
      input: "a wonderful film\nthe plot was dull\n")
    XCTAssertEqual(outcome.status, 0, outcome.errors)
    let rows = try ParsedRows.jsonl(
      outcome.output, keys: ["source", "label", "probability", "p_neg", "p_pos", "error"])
    XCTAssertEqual(rows.map { $0[0] }, ["-:1", "-:2"])
    XCTAssertTrue(rows.allSatisfy { $0[5].isEmpty })
  }

  /// Usage errors exit 64 before anything is read; a missing model is "Error: …", exit 1.
  func testUsageAndModelErrors() throws {
    let directory = try workspace(good: 1)
    for arguments in [
      ["classify", "--model", "model", "--threshold", "1.5", "reviews"],
      ["classify", "--model", "model", "-", "-"],
      ["classify", "--model", "model", "--format", "xml", "reviews"],
      ["classify", "--model", "model"],
    ] {
      let outcome = try run(arguments, in: directory)
      XCTAssertEqual(outcome.status, 64, "\(arguments): \(outcome.errors)")
      XCTAssertEqual(outcome.output, "")
    }
    let missing = try run(["classify", "--model", "nothing-here", "reviews"], in: directory)
    XCTAssertEqual(missing.status, 1)
    XCTAssertEqual(missing.output, "")
    XCTAssertTrue(missing.errors.contains("nothing-here: no such model folder"), missing.errors)
  }
}
