import Foundation
import SentimentKit
import XCTest

/// Model folders built to break the loader: absurd sizes, unknown fields, files that are not
/// files, damaged weights. Each load ends in a `ModelFolderError` naming the file and the fault,
/// before anything the size of a claim is allocated.
final class HostileModelFolderTests: XCTestCase {
  private func assertLoadFails(
    _ folder: ModelFolder, mentioning texts: [String], line: UInt = #line
  ) {
    XCTAssertThrowsError(try folder.load(), line: line) { error in
      XCTAssertTrue(error is ModelFolderError, "\(error)", line: line)
      for text in texts {
        XCTAssertTrue("\(error)".contains(text), "mentions \(text): \(error)", line: line)
      }
      XCTAssertFalse("\(error)".contains("NSCocoaErrorDomain"), "\(error)", line: line)
    }
  }

  // A saved test model whose weights carry no config in their metadata (so only config.json
  // says what the architecture is), with config.json's object edited by `change`.
  private func folder(editing change: (inout [String: Any]) -> Void) throws -> ModelFolder {
    let model = TestModel()
    let folder = try model.save(in: try temporaryDirectory())
    try Safetensors.write(
      model.model.parameters, to: folder.url.appendingPathComponent(ModelFolder.weightsFile))
    let url = folder.url.appendingPathComponent(ModelFolder.configFile)
    var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    change(&object)
    try JSONSerialization.data(withJSONObject: object).write(to: url)
    return folder
  }

  private func model(_ object: inout [String: Any], _ key: String, _ value: Any) {
    var inner = object["model"] as? [String: Any] ?? [:]
    inner[key] = value
    object["model"] = inner
  }

  func testAbsurdSizesAreRefusedBeforeTheModelIsBuilt() throws {
    for (key, value) in [
      ("layers", 1_000_000), ("hiddenSize", 1_000_000_000), ("hiddenSize", 1 << 62),
      ("embeddingSize", 1_000_000_000), ("vocabularySize", Int.max),
    ] {
      let folder = try folder { self.model(&$0, key, value) }
      assertLoadFails(folder, mentioning: ["config.json", "parameters", "allowed"])
    }
  }

  /// Sizes within the limits that do not match the weights: found from the header's sizes alone.
  func testSizesThatDisagreeWithTheWeightsAreFoundFromTheHeader() throws {
    let folder = try folder { self.model(&$0, "hiddenSize", 300) }
    assertLoadFails(folder, mentioning: ["model.safetensors", "describes a model of", "another model"])
  }

  func testUnknownFieldsAndAnInconsistentVocabularyAreRefused() throws {
    let unknown = try folder { self.model(&$0, "hiden", 4) }
    assertLoadFails(unknown, mentioning: ["config.json", "unknown field model.hiden"])
    let top = try folder { $0["comment"] = "hi" }
    assertLoadFails(top, mentioning: ["unknown field comment"])
    let words = try folder { object in
      var text = object["text"] as? [String: Any] ?? [:]
      text["vocabularyWords"] = 3
      object["text"] = text
    }
    assertLoadFails(words, mentioning: ["model.vocabularySize", "text.vocabularyWords + 2"])
  }

  func testAFractionalSizeIsNotCalledInvalidJSON() throws {
    let folder = try folder { self.model(&$0, "hiddenSize", 4.5) }
    XCTAssertThrowsError(try folder.load()) { error in
      XCTAssertTrue("\(error)".contains("field model.hiddenSize: 4.5 is not a whole number"), "\(error)")
      XCTAssertFalse("\(error)".contains("not valid JSON"), "\(error)")
    }
  }

  /// config.json, vocab.txt or model.safetensors as a FIFO (which would block), a link to
  /// /dev/zero (which never ends) or a folder: refused at once, saying what it is.
  func testFilesThatAreNotFilesAreRefused() throws {
    for name in [ModelFolder.configFile, ModelFolder.vocabularyFile, ModelFolder.weightsFile] {
      for kind in ["fifo", "zero", "folder"] {
        let folder = try TestModel().save(in: try temporaryDirectory())
        let path = folder.url.appendingPathComponent(name).path
        XCTAssertEqual(unlink(path), 0)
        switch kind {
        case "fifo": XCTAssertEqual(mkfifo(path, 0o644), 0)
        case "zero": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let what = ["fifo": "a FIFO", "zero": "a character device", "folder": "a folder"][kind]!
        assertLoadFails(folder, mentioning: [name, "not a regular file (\(what))"])
      }
    }
  }

  func testAHugeHeaderLengthIsRefusedWithoutReadingIt() throws {
    let url = try temporaryDirectory().appendingPathComponent("sparse.safetensors")
    let length = UInt64(Safetensors.maxHeaderLength + 8)
    try Data(withUnsafeBytes(of: length.littleEndian) { Array($0) }).write(to: url)
    XCTAssertEqual(truncate(url.path, off_t(length + 1024)), 0)  // sparse: costs no disk
    XCTAssertThrowsError(try Safetensors(contentsOf: url)) { error in
      XCTAssertTrue("\(error)".contains("over the \(Safetensors.maxHeaderLength) bytes allowed"), "\(error)")
    }
  }

  func testNaNAndInfiniteWeightsAreRefusedNamingTheTensor() throws {
    for bad in [Float.nan, .infinity, -.infinity] {
      let model = TestModel()
      let folder = try model.save(in: try temporaryDirectory())
      let tensor = try XCTUnwrap(model.model.parameters.namedTensors.last)
      tensor.value.pointer[0] = bad
      try Safetensors.write(
        model.model.parameters, metadata: ["format": "pt"],
        to: folder.url.appendingPathComponent(ModelFolder.weightsFile))
      assertLoadFails(folder, mentioning: ["'\(tensor.name)'", "NaN or infinite"])
    }
  }

  /// A byte-order mark or a carriage return in vocab.txt is shown in the message, not hidden.
  func testInvisibleCharactersInVocabularyErrorsAreShown() throws {
    for (text, shown) in [
      ("\u{FEFF}<pad>\n<unk>\nfilm\n", "found \"\\u{FEFF}<pad>\""),
      ("<pad>\r\n<unk>\r\nfilm\r\n", "found \"<pad>\\r\""),
      ("<pad>\n<unk>\nfi\u{1b}[31mlm\n", "token \"fi\\u{1B}[31mlm\""),
    ] {
      let url = try temporaryDirectory().appendingPathComponent("vocab.txt")
      try Data(text.utf8).write(to: url)
      XCTAssertThrowsError(try Vocabulary(contentsOf: url.path)) { error in
        XCTAssertTrue("\(error)".contains(shown), "\(error)")
        XCTAssertFalse("\(error)".unicodeScalars.contains { $0 == "\r" || $0 == "\u{FEFF}" || $0 == "\u{1b}" })
      }
    }
  }
}
