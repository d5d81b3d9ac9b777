import SentimentKit
import XCTest

final class VocabularyTests: XCTestCase {
  private let texts = ["b a c a", "c B d", "e d"]  // a 2, b 2, c 2, d 2, e 1

  func testMostFrequentFirstTiesByBytes() {
    let vocabulary = Vocabulary.build(from: texts, maxWords: 3)
    XCTAssertEqual(vocabulary.tokens, ["<pad>", "<unk>", "a", "b", "c"])
    XCTAssertEqual(vocabulary.count, 5)
    let all = Vocabulary.build(from: texts + ["e e"], maxWords: 100)
    XCTAssertEqual(all.tokens, ["<pad>", "<unk>", "e", "a", "b", "c", "d"])
  }

  func testOrderOfTextsDoesNotMatter() {
    XCTAssertEqual(
      Vocabulary.build(from: texts.reversed(), maxWords: 3).tokens,
      Vocabulary.build(from: texts, maxWords: 3).tokens)
  }

  func testEncodeMapsUnknownTokens() {
    let vocabulary = Vocabulary.build(from: texts, maxWords: 3)
    XCTAssertEqual(vocabulary.encode("A<br />z c"), [2, Vocabulary.unknownID, 4])
    XCTAssertEqual(vocabulary.id(of: "b"), 3)
    XCTAssertEqual(vocabulary.id(of: "<pad>"), Vocabulary.padID)
    XCTAssertEqual(vocabulary.id(of: "zzz"), Vocabulary.unknownID)
    XCTAssertEqual(vocabulary.encode(""), [])
    XCTAssertEqual(vocabulary.encode(["a b", "", "d"]), [[2, 3], [], [1]])
  }

  func testFileRoundTrip() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/vocab.txt"
    let vocabulary = Vocabulary.build(from: ["naïve café don't", "東京 café"], maxWords: 10)
    try vocabulary.write(to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertEqual(text, "<pad>\n<unk>\ncafé\ndon't\nnaïve\n東京\n")
    let loaded = try Vocabulary(contentsOf: path)
    XCTAssertEqual(loaded.tokens, vocabulary.tokens)
    XCTAssertEqual(loaded.encode("Café 東京"), [2, 5])
  }

  func testLoadingNamesTheBadLine() throws {
    let directory = try TemporaryDirectory()
    func error(loading text: [UInt8]) throws -> String? {
      let path = try directory.write(text, to: "vocab.txt")
      do {
        _ = try Vocabulary(contentsOf: path)
        return nil
      } catch let error as VocabularyError {
        XCTAssertEqual(error.file, path)
        return "\(error)".replacingOccurrences(of: path, with: "vocab.txt")
      }
    }
    let good = "<pad>\n<unk>\nthe\n"
    XCTAssertNil(try error(loading: Array((good + "end").utf8)))  // no final newline: fine
    XCTAssertEqual(
      try error(loading: Array((good + "and\nthe\n").utf8)),
      "vocab.txt:5: duplicate token \"the\" (first on line 3)")
    XCTAssertEqual(try error(loading: Array((good + "\nx\n").utf8)), "vocab.txt:4: empty token")
    XCTAssertEqual(
      try error(loading: Array((good + "two words\n").utf8)),
      "vocab.txt:4: token \"two words\" contains whitespace or a control character")
    XCTAssertEqual(
      try error(loading: Array(good.utf8) + [0x61, 0xFF, 0x0A]), "vocab.txt:4: not valid UTF-8")
    XCTAssertEqual(
      try error(loading: Array("<unk>\n<pad>\n".utf8)),
      "vocab.txt:1: expected <pad> (id 0), found \"<unk>\"")
    XCTAssertEqual(try error(loading: Array("<pad>\n".utf8)), "vocab.txt:2: missing <unk>")
    XCTAssertThrowsError(try Vocabulary(contentsOf: directory.path + "/missing.txt"))
  }

  func testTokensInMemoryAreCheckedToo() {
    XCTAssertThrowsError(try Vocabulary(tokens: ["<pad>", "<unk>", "a", "a"])) { error in
      XCTAssertEqual("\(error)", "vocabulary:4: duplicate token \"a\" (first on line 3)")
    }
  }

  /// The builder counts only the (training) texts it is given; the encoder encodes every text,
  /// giving words it never saw `<unk>`.
  func testBuilderStageCountsOnlyTheTrainingTexts() throws {
    let job = Job(progressStyle: .silent)
    let train = ["good good film"]
    let vocabulary = try job.run(VocabularyBuilder(maxWords: 5), train)
    XCTAssertEqual(vocabulary.tokens, ["<pad>", "<unk>", "good", "film"])
    let encoded = try job.run(ReviewEncoder(vocabulary: vocabulary), train + ["secret secret secret"])
    XCTAssertEqual(encoded, [[2, 2, 3], [1, 1, 1]])
    XCTAssertEqual(job.records.map(\.name), ["build vocabulary", "encode"])
    XCTAssertEqual(job.records.map(\.items), [1, 2])
  }
}
