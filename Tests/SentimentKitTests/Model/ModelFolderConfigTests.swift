import Foundation
import SentimentKit
import XCTest

/// config.json for readers outside: labels, ids and the architecture in torch.nn's words; what a
/// hand-written file may leave out, and what it may not say.
final class ModelFolderConfigTests: XCTestCase {
  func testConfigStatesLabelsIdsAndArchitecture() throws {
    let folder = try TestModel(cell: .lstm, bidirectional: true, readout: .concat)
      .save(in: try temporaryDirectory())
    let json = try Self.object(folder)
    XCTAssertEqual(json["labels"] as? [String], ["neg", "pos"])
    XCTAssertEqual(json["id2label"] as? [String: String], ["0": "neg", "1": "pos"])
    XCTAssertEqual(json["label2id"] as? [String: Int], ["neg": 0, "pos": 1])
    XCTAssertEqual(json["pad_token_id"] as? Int, 0)
    XCTAssertEqual(json["unk_token_id"] as? Int, 1)
    let architecture = try XCTUnwrap(json["architecture"] as? [String: Any])
    let encoder = try XCTUnwrap(architecture["encoder"] as? [String: Any])
    XCTAssertEqual(encoder["module"] as? String, "torch.nn.LSTM")
    XCTAssertEqual(encoder["hidden_size"] as? Int, 4)
    XCTAssertEqual(encoder["input_size"] as? Int, 8)
    XCTAssertEqual(encoder["bidirectional"] as? Bool, true)
    XCTAssertEqual(encoder["prefix"] as? String, "lstm.")
    let readout = try XCTUnwrap(architecture["readout"] as? [String: Any])
    XCTAssertEqual(readout["parts"] as? [String], ["final", "max", "mean"])
    XCTAssertEqual(readout["width"] as? Int, 3 * 2 * 4)
    let head = try XCTUnwrap(architecture["head"] as? [String: Any])
    XCTAssertEqual(head["in_features"] as? Int, 24)
    // Every named weight's shape follows from the description, as torch.nn would make it.
    let weights = try Safetensors(
      contentsOf: folder.url.appendingPathComponent("model.safetensors"))
    XCTAssertEqual(weights.entry("lstm.weight_ih_l0_reverse")?.shape, [4 * 4, 8])
    XCTAssertEqual(weights.entry("head.weight")?.shape, [2, 24])
    XCTAssertEqual(
      (json["text"] as? [String: Any])?["unicodeVersion"] as? String, Tokenizer.unicodeVersion)
  }

  func testCellsTorchHasNoModuleForAreSaidSo() {
    var config = ModelConfig()
    for (edit, words) in [
      ({ (c: inout ModelConfig) in c.cell = .jordan }, "Jordan"),
      ({ (c: inout ModelConfig) in c.peephole = true }, "peephole"),
      (
        { (c: inout ModelConfig) in
          c.cell = .gru
          c.gruVariant = .resetBefore
        }, "reset gate before"
      ),
      ({ (c: inout ModelConfig) in c.merge = .sum }, "merged by sum"),
    ] {
      config = ModelConfig()
      edit(&config)
      let encoder = ArchitectureDescription(config, classes: 2).encoder
      XCTAssertTrue(encoder.note?.contains(words) == true, "\(encoder)")
    }
    config = ModelConfig()
    config.cell = .elman
    config.activation = .relu
    let rnn = ArchitectureDescription(config, classes: 2).encoder
    XCTAssertEqual(rnn.module, "torch.nn.RNN")
    XCTAssertEqual(rnn.nonlinearity, "relu")
    XCTAssertNil(rnn.note)
  }

  /// A hand-written file needs the format, the model and the text settings, no more.
  func testMinimalConfigLoads() throws {
    let original = TestModel(cell: .gru)
    let folder = try original.save(in: try temporaryDirectory())
    try Self.rewrite(folder) { object in
      for key in [
        "training", "epochsCompleted", "labels", "id2label", "label2id", "architecture",
        "pad_token_id", "unk_token_id",
      ] {
        object[key] = nil
      }
    }
    let loaded = try folder.load()
    XCTAssertEqual(loaded.config.labels, ["neg", "pos"])
    XCTAssertEqual(loaded.config.training, TrainingConfig())
    XCTAssertEqual(
      loaded.model.probabilities(of: original.probeSequences),
      original.model.probabilities(of: original.probeSequences))
  }

  /// Fields written from others must agree with them; fields no one writes are refused.
  func testWrittenFieldsMustAgreeAndUnknownOnesAreRefused() throws {
    let cases: [((inout [String: Any]) -> Void, [String])] = [
      (
        {
          ModelFolderTests.edit(&$0, "architecture") { a in
            var encoder = a["encoder"] as? [String: Any] ?? [:]
            encoder["hidden_size"] = 5
            a["encoder"] = encoder
          }
        }, ["architecture: encoder.hidden_size is 5, but would be 4", "edit model"]
      ),
      ({ $0["id2label"] = ["0": "pos", "1": "neg"] }, ["id2label: 0 is pos, but would be neg"]),
      ({ $0["pad_token_id"] = 3 }, ["pad_token_id: is 3, but would be 0"]),
      (
        { ModelFolderTests.edit(&$0, "architecture") { $0["colour"] = "red" } },
        ["unknown field architecture.colour"]
      ),
      (
        {
          $0["labels"] = ["neg", "neg"]
          $0["id2label"] = nil
          $0["label2id"] = nil
        },
        ["labels must be distinct"]
      ),
      (
        {
          $0["labels"] = ["bad", "good", "ugly"]
          $0["id2label"] = nil
          $0["label2id"] = nil
        },
        ["labels must name 2, not 3"]
      ),
    ]
    for (edit, words) in cases {
      let folder = try TestModel().save(in: try temporaryDirectory())
      try Self.rewrite(folder, edit)
      XCTAssertThrowsError(try folder.load()) { error in
        for word in words {
          XCTAssertTrue("\(error)".contains(word), "\(word) in \(error)")
        }
        XCTAssertTrue("\(error)".contains("config.json"), "\(error)")
      }
    }
  }

  private static func object(_ folder: ModelFolder) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.url.appendingPathComponent("config.json"))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  private static func rewrite(_ folder: ModelFolder, _ edit: (inout [String: Any]) -> Void) throws {
    var json = try object(folder)
    edit(&json)
    try JSONSerialization.data(withJSONObject: json)
      .write(to: folder.url.appendingPathComponent("config.json"))
  }
}
