import Foundation
import SentimentKit
import XCTest

/// `sentiment import` and `sentiment tokenize` run as processes.
final class ImportCommandTests: XCTestCase {
  /// A state_dict of a saved model's tensors imports into a folder `classify` reads, with the
  /// probabilities of the model itself; `tokenize` prints its ids.
  func testImportedStateDictClassifiesAndTokenizes() throws {
    let directory = try temporaryDirectory()
    let original = TestModel(cell: .gru, bidirectional: true, readout: .max)
    try Safetensors.write(
      original.model.parameters, to: directory.appendingPathComponent("state.safetensors"))
    try original.vocabulary.write(to: directory.appendingPathComponent("vocab.txt").path)
    let imported = try SentimentTool.run(
      [
        "import", "--weights", "state.safetensors", "--vocabulary", "vocab.txt", "--output", "m",
        "--readout", "max",
      ], in: directory)
    XCTAssertEqual(imported.status, 0, imported.errors)
    XCTAssertTrue(imported.output.contains("imported BiGRU"), imported.output)
    let text = TestModel.sentences[0]
    let classified = try SentimentTool.run(
      ["classify", "--model", "m", "--format", "jsonl", "-"], in: directory, input: text + "\n")
    XCTAssertEqual(classified.status, 0, classified.errors)
    let row = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(classified.output.utf8)) as? [String: Any])
    let expected = original.model.probabilities(of: [original.vocabulary.encode(text)])[0]
    XCTAssertEqual(try XCTUnwrap(row["p_neg"] as? Double), expected[0], accuracy: 5e-7)
    XCTAssertEqual(try XCTUnwrap(row["p_pos"] as? Double), expected[1], accuracy: 5e-7)
    XCTAssertEqual(try XCTUnwrap(row["probability"] as? Double), expected.max()!, accuracy: 5e-7)
    let tokenized = try SentimentTool.run(
      ["tokenize", "--model", "m", "-"], in: directory, input: "Great film!\n")
    XCTAssertEqual(tokenized.status, 0, tokenized.errors)
    let ids = original.vocabulary.encode("Great film!").map(String.init).joined(separator: ",")
    XCTAssertEqual(
      tokenized.output, #"{"source":"-:1","ids":[\#(ids)],"tokens":["great","film"]}"# + "\n")
  }

  func testMissingTensorAndExistingFolderAreErrorsNamingThem() throws {
    let directory = try temporaryDirectory()
    let original = TestModel()
    let tensors = original.model.parameters.namedTensors.filter { $0.name != "head.bias" }
    try Safetensors.write(tensors, to: directory.appendingPathComponent("state.safetensors"))
    try original.vocabulary.write(to: directory.appendingPathComponent("vocab.txt").path)
    let arguments = [
      "import", "--weights", "state.safetensors", "--vocabulary", "vocab.txt", "--output",
    ]
    let missing = try SentimentTool.run(arguments + ["m"], in: directory)
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(
      missing.errors.contains(
        "state.safetensors: tensors do not match the model: missing head.bias"), missing.errors)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: directory.appendingPathComponent("m").path))
    let existing = try SentimentTool.run(arguments + ["."], in: directory)
    XCTAssertEqual(existing.status, 1)
    XCTAssertTrue(existing.errors.contains("exists already"), existing.errors)
  }

  func testRulesFileIsATokenizerWithTheTwoReservedIds() throws {
    let directory = try temporaryDirectory()
    let outcome = try SentimentTool.run(["tokenize", "--rules", "rules.json"], in: directory)
    XCTAssertEqual(outcome.status, 0, outcome.errors)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(
        with: Data(contentsOf: directory.appendingPathComponent("rules.json")))
        as? [String: Any])
    XCTAssertEqual(
      (json["model"] as? [String: Any])?["vocab"] as? [String: Int], ["<pad>": 0, "<unk>": 1])
    XCTAssertTrue(json["truncation"] is NSNull)
    let both = try SentimentTool.run(
      ["tokenize", "--rules", "r.json", "--model", "m"], in: directory)
    XCTAssertEqual(both.status, 64, both.errors)
  }
}
