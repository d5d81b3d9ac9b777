import Foundation
import SentimentKit
import XCTest

/// `sentiment pretrain` end to end on a user's corpus: a language model pretrained on a CSV's
/// training reviews (never its test file: a word only the test file has stays out of the
/// vocabulary), its report written, and a classifier of the same shape trained from it.
final class PretrainCommandTests: XCTestCase {
  func testLanguageModelFromACSVStartsAClassifier() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    var generator = SplitMix64(seed: 5)
    func rows(_ count: Int, extra: String) -> String {
      "label,text\n" + (0..<count).map { i in
        let label = i % 2 == 0 ? "pos" : "neg"
        let cue = (label == "pos" ? SyntheticIMDB.praise : SyntheticIMDB.complaints)
        let words = (0..<12).map { _ in cue[Int(generator.next() % UInt64(cue.count))] }
        return "\(label),\(words.joined(separator: " ")) \(extra)\n"
      }.joined()
    }
    try Data(rows(80, extra: "film").utf8).write(to: folder.appendingPathComponent("train.csv"))
    try Data(rows(20, extra: "zanzibar").utf8).write(to: folder.appendingPathComponent("test.csv"))
    let shape = ["--hidden", "4", "--embedding", "6"]
    let pretrained = try SentimentTool.run(
      ["pretrain", "--objective", "language-model", "--data", "train.csv", "--test-data", "test.csv",
       "--candidates", "8", "--held-out", "4", "--epochs", "2", "--output", "lm", "--report", "lm.md"]
        + shape, in: folder)
    XCTAssertEqual(pretrained.status, 0, pretrained.errors)
    let vocabulary = try String(contentsOf: folder.appendingPathComponent("lm/vocab.txt"), encoding: .utf8)
    XCTAssertTrue(vocabulary.contains("film\n"))
    XCTAssertFalse(vocabulary.contains("zanzibar"), "the test file is not read")
    let report = try String(contentsOf: folder.appendingPathComponent("lm.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("held-out perplexity"), report)
    XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lm.svg").path))
    let trained = try SentimentTool.run(
      ["train", "--data", "train.csv", "--test-data", "test.csv", "--init", "lm", "--epochs", "1",
       "--model-dir", "m", "--report", "m.md"] + shape, in: folder)
    XCTAssertEqual(trained.status, 0, trained.errors)
    let other = try SentimentTool.run(
      ["train", "--data", "train.csv", "--test-data", "test.csv", "--init", "lm", "--epochs", "1",
       "--hidden", "5", "--embedding", "6", "--model-dir", "m2", "--report", "m2.md"], in: folder)
    XCTAssertNotEqual(other.status, 0)
    XCTAssertTrue(other.errors.contains("hidden size 4 in the language model, 5 in the classifier"), other.errors)
  }
}
