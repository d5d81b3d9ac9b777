import Foundation
import SentimentKit
import XCTest

/// `sentiment import`'s core: a state_dict's names and shapes make the model, or an error that
/// names the tensor at fault.
final class StateDictImportTests: XCTestCase {
  /// Each torch.nn encoder, one direction and two, one layer and two: the imported folder
  /// classifies exactly as the model the weights came from.
  func testImportedFolderClassifiesAsTheOriginal() throws {
    let directory = try temporaryDirectory()
    for (cell, bidirectional, readout) in [
      (ModelConfig.Cell.lstm, true, Readout.final), (.gru, false, .concat), (.elman, true, .mean),
    ] {
      let original = TestModel(cell: cell, bidirectional: bidirectional, readout: readout)
      let name = "\(cell)-\(bidirectional)-\(readout)"
      let (weights, vocabulary) = try write(
        original.model.parameters.namedTensors, original, in: directory, name)
      var importer = try StateDictImport(contentsOf: weights)
      importer.readout = readout
      let config = try importer.modelConfig()
      XCTAssertEqual(config.cell, cell, name)
      XCTAssertEqual(config.bidirectional, bidirectional, name)
      XCTAssertEqual(config.hiddenSize, 4, name)
      XCTAssertEqual(config.embeddingSize, 8, name)
      let folder = directory.appendingPathComponent(name)
      try importer.write(to: folder, vocabularyPath: vocabulary, text: original.config.text)
      let loaded = try ModelFolder(folder).load()
      XCTAssertEqual(loaded.config.importedFrom, weights.path, name)
      XCTAssertEqual(
        loaded.model.probabilities(of: original.probeSequences),
        original.model.probabilities(of: original.probeSequences), name)
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("tokenizer.json").path)
      )
    }
  }

  func testTwoLayersAreCounted() throws {
    var config = ModelConfig()
    config.layers = 2
    config.embeddingSize = 6
    config.hiddenSize = 3
    config.vocabularySize = 10
    var generator = SplitMix64(seed: 1)
    let model = ModelFactory.make(config, using: &generator)
    let url = try temporaryDirectory().appendingPathComponent("two.safetensors")
    try Safetensors.write(model.parameters.namedTensors, to: url)
    let imported = try StateDictImport(contentsOf: url).modelConfig()
    XCTAssertEqual(imported.layers, 2)
    XCTAssertEqual(imported.bidirectional, true)
  }

  func testErrorsNameTheTensorAndWhatIsWrong() throws {
    let directory = try temporaryDirectory()
    let original = TestModel(cell: .lstm, bidirectional: true)
    let tensors = original.model.parameters.namedTensors
    let extra = NamedTensor(
      name: "extra.weight", shape: [2], value: Matrix<Float>(rows: 1, cols: 2))
    let cases: [(String, [NamedTensor<Float>], Readout, [String])] = [
      (
        "missing", tensors.filter { $0.name != "lstm.bias_hh_l0_reverse" }, .final,
        ["missing lstm.bias_hh_l0_reverse"]
      ),
      ("extra", tensors + [extra], .final, ["unexpected extra.weight"]),
      (
        "readout", tensors, .concat,
        ["'head.weight'", "has 8 columns", "readout concat", "readouts of 8: final, mean, max"]
      ),
      (
        "no-embedding", tensors.filter { $0.name != "embedding.weight" }, .final,
        ["'embedding.weight' is missing"]
      ),
      (
        "no-encoder", tensors.filter { !$0.name.hasPrefix("lstm.") }, .final,
        ["no encoder", "lstm.weight_ih_l0"]
      ),
      (
        "misshapen",
        tensors.map { t in
          t.name == "lstm.weight_hh_l0"
            ? NamedTensor(name: t.name, shape: [16, 3], value: Matrix<Float>(rows: 16, cols: 3)) : t
        }, .final, ["'lstm.weight_hh_l0'", "[16, 3]"]
      ),
    ]
    for (name, list, readout, words) in cases {
      let (weights, vocabulary) = try write(list, original, in: directory, name)
      var importer = try StateDictImport(contentsOf: weights)
      importer.readout = readout
      let folder = directory.appendingPathComponent(name)
      XCTAssertThrowsError(
        try importer.write(to: folder, vocabularyPath: vocabulary, text: TextConfig())
      ) {
        for word in words + [weights.lastPathComponent] {
          XCTAssertTrue("\($0)".contains(word), "\(name): \(word) in \($0)")
        }
      }
      XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "\(name): no folder left")
    }
  }

  func testVocabularyOfAnotherSizeAndAnExistingFolderAreRefused() throws {
    let directory = try temporaryDirectory()
    let original = TestModel()
    let (weights, _) = try write(
      original.model.parameters.namedTensors, original, in: directory, "m")
    let short = directory.appendingPathComponent("short.txt").path
    try Vocabulary(tokens: ["<pad>", "<unk>", "film"]).write(to: short)
    let importer = try StateDictImport(contentsOf: weights)
    XCTAssertThrowsError(
      try importer.write(
        to: directory.appendingPathComponent("a"), vocabularyPath: short, text: TextConfig())
    ) {
      XCTAssertTrue("\($0)".contains("short.txt: has 3 tokens, but embedding.weight"), "\($0)")
    }
    XCTAssertThrowsError(
      try importer.write(to: directory, vocabularyPath: short, text: TextConfig())
    ) {
      XCTAssertTrue("\($0)".contains("exists already"), "\($0)")
    }
  }

  // The tensors as `NAME.safetensors` and the model's vocabulary as `NAME.txt`.
  private func write(
    _ tensors: [NamedTensor<Float>], _ model: TestModel, in directory: URL, _ name: String
  ) throws -> (URL, String) {
    let weights = directory.appendingPathComponent("\(name).safetensors")
    try Safetensors.write(tensors, to: weights)
    let vocabulary = directory.appendingPathComponent("\(name).txt").path
    try model.vocabulary.write(to: vocabulary)
    return (weights, vocabulary)
  }
}
