import Foundation
import SentimentKit
import XCTest

final class ModelFolderTests: XCTestCase {
  /// Every cell kind, one direction and two: the reloaded model gives bit-identical
  /// probabilities, and the configuration and vocabulary come back equal.
  func testRoundTripKeepsProbabilitiesOfEveryCellKind() throws {
    let directory = try temporaryDirectory()
    for cell in ModelConfig.Cell.allCases {
      for bidirectional in [false, true] {
        let original = TestModel(cell: cell, bidirectional: bidirectional)
        let name = "\(cell)-\(bidirectional ? "bi" : "uni")"
        let loaded = try original.save(in: directory, as: name).load()
        XCTAssertEqual(loaded.config, original.config, name)
        XCTAssertEqual(loaded.vocabulary.tokens, original.vocabulary.tokens, name)
        XCTAssertEqual(loaded.model.config, original.model.config, name)
        let sequences = original.probeSequences
        XCTAssertEqual(
          loaded.model.probabilities(of: sequences), original.model.probabilities(of: sequences),
          name)
      }
    }
  }

  /// The four files, nothing else (no temporary files); config.json pretty-printed with sorted
  /// keys, and its text kept in the weights' metadata beside "format": "pt".
  func testFolderHoldsTheFourFiles() throws {
    let directory = try temporaryDirectory()
    let folder = try TestModel().save(in: directory, as: "new/nested")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    XCTAssertEqual(files, ["config.json", "model.safetensors", "tokenizer.json", "vocab.txt"])
    let json = try String(
      contentsOf: folder.url.appendingPathComponent("config.json"), encoding: .utf8)
    XCTAssertTrue(json.hasPrefix("{\n  \"architecture\" : {\n"), json)
    XCTAssertTrue(json.contains("\n  \"epochsCompleted\" : 0,\n  \"format\" : "), json)
    let weights = try Safetensors(
      contentsOf: folder.url.appendingPathComponent("model.safetensors"))
    XCTAssertEqual(weights.metadata, ["format": "pt", "config": json])
    XCTAssertEqual(Set(weights.entries.map(\.dtype)), [.f32])
  }

  /// Saving over a model replaces it and leaves other files (a trainer's state) alone; loading
  /// ignores them.
  func testSavingOverAModelKeepsOtherFiles() throws {
    let directory = try temporaryDirectory()
    let folder = try TestModel(cell: .gru, seed: 1).save(in: directory)
    let state = folder.url.appendingPathComponent("optimizer.safetensors")
    try Data("trainer state".utf8).write(to: state)
    let second = TestModel(cell: .elman, bidirectional: true, seed: 2)
    try folder.save(model: second.model, vocabulary: second.vocabulary, config: second.config)
    let loaded = try folder.load()
    XCTAssertEqual(loaded.config.model.cell, .elman)
    XCTAssertEqual(
      loaded.model.probabilities(of: second.probeSequences),
      second.model.probabilities(of: second.probeSequences))
    XCTAssertEqual(try Data(contentsOf: state), Data("trainer state".utf8))
  }

  /// `save` refuses parts that disagree, before writing anything.
  func testSaveRefusesInconsistentParts() throws {
    let directory = try temporaryDirectory()
    let model = TestModel()
    var config = model.config
    config.model.hiddenSize = 5
    assertError(
      try ModelFolder(directory.appendingPathComponent("m")).save(
        model: model.model, vocabulary: model.vocabulary, config: config),
      mentions: ["model's own configuration"]
    ) {
      if case .inconsistentParts = $0 { return true } else { return false }
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path + "/m"))
  }

  // MARK: Errors, each naming the file and what is wrong

  func testMissingFolderAndFiles() throws {
    let directory = try temporaryDirectory()
    assertError(
      try ModelFolder(directory.appendingPathComponent("absent")).load(),
      mentions: ["absent", "no such model folder"]
    ) {
      if case .folderMissing = $0 { return true } else { return false }
    }
    let plain = directory.appendingPathComponent("plain")
    try Data().write(to: plain)
    assertError(try ModelFolder(plain).load(), mentions: ["plain", "not a folder"]) {
      if case .notAFolder = $0 { return true } else { return false }
    }
    for name in ["config.json", "vocab.txt", "model.safetensors"] {
      let folder = try TestModel().save(in: directory, as: "without-\(name)")
      try FileManager.default.removeItem(at: folder.url.appendingPathComponent(name))
      assertError(try folder.load(), mentions: ["without-\(name)/\(name)", "missing"]) {
        if case .fileMissing = $0 { return true } else { return false }
      }
    }
  }

  func testTruncatedWeights() throws {
    let folder = try TestModel().save(in: try temporaryDirectory())
    let url = folder.url.appendingPathComponent("model.safetensors")
    let bytes = try Data(contentsOf: url)
    try bytes.prefix(bytes.count - 10).write(to: url)
    assertError(try folder.load(), mentions: ["model.safetensors", "truncated"]) {
      if case .weights = $0 { return true } else { return false }
    }
    try bytes.prefix(5).write(to: url)
    assertError(try folder.load(), mentions: ["model.safetensors", "truncated"]) {
      if case .weights = $0 { return true } else { return false }
    }
  }

  func testCorruptConfig() throws {
    let folder = try TestModel().save(in: try temporaryDirectory())
    let url = folder.url.appendingPathComponent("config.json")
    let good = try Data(contentsOf: url)
    try Data("{\"format\": \"sentimentkit-model\", ".utf8).write(to: url)
    assertError(try folder.load(), mentions: ["config.json", "not valid JSON"]) {
      if case .invalidConfig = $0 { return true } else { return false }
    }
    try Data("[1, 2]".utf8).write(to: url)
    assertError(try folder.load(), mentions: ["config.json", "not a JSON object"]) {
      if case .invalidConfig = $0 { return true } else { return false }
    }
    let cases: [(edit: (inout [String: Any]) -> Void, message: String)] = [
      ({ $0["format"] = nil }, "missing field format"),
      ({ $0["model"] = nil }, "missing field model"),
      // A missing model field takes its default (64), which the weights' own record refutes.
      (
        { Self.edit(&$0, "model") { $0["hiddenSize"] = nil } },
        "hiddenSize: 4 in the weights, 64 in config.json"
      ),
      (
        { Self.edit(&$0, "text") { $0["maxLength"] = "long" } },
        "field text.maxLength has the wrong type"
      ),
      ({ Self.edit(&$0, "model") { $0["cell"] = "transformer" } }, "field model.cell"),
      ({ Self.edit(&$0, "model") { $0["hiddenSize"] = 0 } }, "model: hidden size must be positive"),
      ({ $0["formatVersion"] = 2 }, "unsupported format \"sentimentkit-model\" version 2"),
      ({ $0["format"] = "keras" }, "unsupported format \"keras\""),
    ]
    for (edit, message) in cases {
      var object = try XCTUnwrap(JSONSerialization.jsonObject(with: good) as? [String: Any])
      edit(&object)
      try JSONSerialization.data(withJSONObject: object).write(to: url)
      assertError(try folder.load(), mentions: ["config.json", message]) {
        switch $0 {
        case .invalidConfig, .unsupportedFormat, .architectureMismatch: return true
        default: return false
        }
      }
    }
  }

  func testVocabularyOfTheWrongSize() throws {
    let model = TestModel()
    let folder = try model.save(in: try temporaryDirectory())
    let url = folder.url.appendingPathComponent("vocab.txt")
    try Data((model.vocabulary.tokens + ["extra"]).joined(separator: "\n").utf8).write(to: url)
    let count = model.vocabulary.count
    assertError(
      try folder.load(),
      mentions: ["vocab.txt", "\(count + 1) tokens", "vocabularySize is \(count)"]
    ) {
      if case .vocabularySize = $0 { return true } else { return false }
    }
    try Data("<pad>\n<unk>\nthe\nthe\n".utf8).write(to: url)
    assertError(try folder.load(), mentions: ["vocab.txt:4", "duplicate"]) {
      if case .vocabulary = $0 { return true } else { return false }
    }
  }

  /// config.json describing another architecture than the weights: caught from the config the
  /// weights were saved with, or, for weights without one, from the sizes in the header, before
  /// a model of config.json's sizes is built.
  func testArchitectureOfConfigAndWeightsDiffer() throws {
    let directory = try temporaryDirectory()
    let folder = try TestModel(cell: .lstm).save(in: directory)
    let url = folder.url.appendingPathComponent("config.json")
    var object = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    Self.edit(&object, "model") { $0["cell"] = "gru" }
    try JSONSerialization.data(withJSONObject: object).write(to: url)
    assertError(
      try folder.load(),
      mentions: ["model.safetensors", "cell: lstm in the weights, gru in config.json"]
    ) {
      if case .architectureMismatch = $0 { return true } else { return false }
    }

    let wider = TestModel(cell: .lstm, hiddenSize: 6)
    try Safetensors.write(
      wider.model.parameters, to: folder.url.appendingPathComponent("model.safetensors"))
    Self.edit(&object, "model") { $0["cell"] = "lstm" }
    try JSONSerialization.data(withJSONObject: object).write(to: url)
    assertError(
      try folder.load(),
      mentions: ["model.safetensors", "holds 678 values", "a model of 514 parameters"]
    ) {
      if case .parameterCount = $0 { return true } else { return false }
    }
  }

  /// Replaces `object[key]`, itself an object, by its edited copy.
  static func edit(
    _ object: inout [String: Any], _ key: String, _ change: (inout [String: Any]) -> Void
  ) {
    var inner = object[key] as? [String: Any] ?? [:]
    change(&inner)
    object[key] = inner
  }

  /// Asserts `body` throws a ModelFolderError that `matches` and whose message contains every
  /// string in `mentions`.
  func assertError<R>(
    _ body: @autoclosure () throws -> R, mentions: [String], file: StaticString = #filePath,
    line: UInt = #line, _ matches: (ModelFolderError) -> Bool
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      guard let error = error as? ModelFolderError else {
        return XCTFail("not a ModelFolderError: \(error)", file: file, line: line)
      }
      XCTAssertTrue(matches(error), "unexpected error: \(error)", file: file, line: line)
      for text in mentions {
        XCTAssertTrue(
          error.description.contains(text), "message mentions \(text): \(error)", file: file,
          line: line)
      }
    }
  }
}
