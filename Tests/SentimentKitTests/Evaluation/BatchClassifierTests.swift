import Foundation
import SentimentKit
import XCTest

final class BatchClassifierTests: XCTestCase {
  /// What one run wrote: the text, the summary, and how many blocks the writer handed over.
  struct Run {
    var text: String
    var summary: ClassificationSummary
    var blocks: Int
  }

  /// A saved and reloaded test model.
  func loadedModel() throws -> LoadedModel {
    try TestModel(cell: .gru, bidirectional: true).save(in: try temporaryDirectory()).load()
  }

  func classify(
    _ inputs: ReviewFiles, with model: LoadedModel, format: ClassificationFormat = .tsv,
    threshold: Double = 0.5, chunkSize: Int = 256
  ) throws -> Run {
    var bytes: [UInt8] = []
    var blocks = 0
    let writer = ClassificationWriter(format: format, labels: model.labels) {
      bytes += $0
      blocks += 1
    }
    let classifier = BatchClassifier(
      model: model, writer: writer, threshold: threshold, chunkSize: chunkSize)
    let summary = try Job(progressStyle: .silent).run(classifier, inputs)
    return Run(text: String(decoding: bytes, as: UTF8.self), summary: summary, blocks: blocks)
  }

  /// A review of `count` words from the test sentences, the same for the same `seed`.
  func review(words count: Int, seed: UInt64) -> String {
    let words = TestModel.sentences.joined(separator: " ").split(separator: " ")
    var random = SplitMix64(seed: seed + 1)
    return (0..<count).map { _ in String(words.randomElement(using: &random)!) }
      .joined(separator: " ")
  }

  /// p(pos) of `text` on its own, encoded and truncated as the model's config says.
  func probability(of text: String, _ model: LoadedModel) -> Double {
    let ids = model.config.text.truncated(model.vocabulary.encode(text))
    return model.model.probabilities(of: [ids])[0][1]
  }

  /// The columns of a run of the binary test model.
  let fields = ["source", "label", "probability", "p_neg", "p_pos", "error"]

  /// 1,000 files in a folder, three of them bad: 1,000 rows in path order, the three with their
  /// errors, the rest with the probabilities the model gives each review alone.
  func testFolderOfAThousandFilesWithThreeBad() throws {
    let model = try loadedModel()
    let directory = try TemporaryDirectory()
    var texts: [String: String] = [:]
    for index in 0..<999 {
      let name = String(format: "review-%04d.txt", index)
      switch index {
      case 100: try directory.write(Array("broken ".utf8) + [0xE2, 0x82], to: name)
      case 500: try directory.write(Array("  \n".utf8), to: name)
      default:
        let text = review(words: 1 + index % 30, seed: UInt64(index))
        texts[name] = text
        try directory.write(Array(text.utf8), to: name)
      }
    }
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/x.txt", withDestinationPath: "missing-target")
    try directory.write(Array("not a review".utf8), to: "notes.md")

    let run = try classify(ReviewFiles([directory.path]), with: model)
    let (header, rows) = ParsedRows.tsv(run.text)
    XCTAssertEqual(header, fields)
    XCTAssertEqual(rows.count, 1000)
    XCTAssertEqual(run.summary, summary(rows: 1000, failures: 3))
    let names = (0..<999).map { String(format: "review-%04d.txt", $0) } + ["x.txt"]
    XCTAssertEqual(rows.map { $0[0] }, names.map { directory.path + "/" + $0 })
    let errors = rows.filter { !$0[5].isEmpty }
    XCTAssertEqual(
      errors,
      [
        [directory.path + "/review-0100.txt", "", "", "", "", "invalid UTF-8 at byte 7"],
        [directory.path + "/review-0500.txt", "", "", "", "", "empty review"],
        [directory.path + "/x.txt", "", "", "", "", "cannot read: No such file or directory"],
      ])
    for row in rows where row[5].isEmpty {
      let name = String(row[0].split(separator: "/").last!)
      let expected = probability(of: try XCTUnwrap(texts[name]), model)
      let positive = try XCTUnwrap(Double(row[4]))
      XCTAssertEqual(positive, expected, accuracy: 5e-7 + 1e-6, name)  // 6 decimals, Float sums
      XCTAssertEqual(try XCTUnwrap(Double(row[3])), 1 - expected, accuracy: 5e-7 + 1e-6, name)
      XCTAssertEqual(row[1], positive >= 0.5 ? "pos" : "neg", name)
      XCTAssertEqual(row[2], row[1] == "pos" ? row[4] : row[3], "probability is the predicted class's")
    }
    XCTAssertGreaterThanOrEqual(run.blocks, 4, "rows go out chunk by chunk, not all at the end")
  }

  /// 10,000 lines of standard input: 10,000 rows, numbered in order.
  func testStreamOfTenThousandLines() throws {
    let model = try loadedModel()
    let directory = try TemporaryDirectory()
    let lines = (0..<10_000).map { review(words: 1 + $0 % 20, seed: UInt64($0)) }
    let input = try directory.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: "in")
    let handle = try XCTUnwrap(FileHandle(forReadingAtPath: input))
    let run = try classify(ReviewFiles(["-"], standardInput: handle), with: model, format: .jsonl)
    let rows = try ParsedRows.jsonl(run.text, keys: fields)
    XCTAssertEqual(rows.map { $0[0] }, (1...10_000).map { "-:\($0)" })
    XCTAssertEqual(run.summary, summary(rows: 10_000, failures: 0))
    XCTAssertTrue(rows.allSatisfy { ["pos", "neg"].contains($0[1]) && $0[5].isEmpty })
  }

  /// Sources holding tabs, newlines, commas, quotes and backslashes, and an error row, come back
  /// the same from all three formats.
  func testEveryFormatParsesBack() throws {
    let model = try loadedModel()
    let directory = try TemporaryDirectory()
    let names = [
      "a ü carriage\rreturn.txt", "back\\slash.txt", "comma, \"quoted\".txt", "new\nline.txt",
      "plain.txt", "tab\there.txt",
    ]
    for (index, name) in names.enumerated() {
      try directory.write(Array(review(words: 5, seed: UInt64(index)).utf8), to: name)
    }
    try directory.write(Array("?!".utf8), to: "zz no words.txt")
    let tsv = ParsedRows.tsv(try classify(ReviewFiles([directory.path]), with: model).text)
    let csv = ParsedRows.csv(
      try classify(ReviewFiles([directory.path]), with: model, format: .csv).text)
    let jsonl = try ParsedRows.jsonl(
      try classify(ReviewFiles([directory.path]), with: model, format: .jsonl).text, keys: fields)

    let sources = (names + ["zz no words.txt"]).map { directory.path + "/" + $0 }
    XCTAssertEqual(tsv.rows.map { $0[0] }, sources)
    XCTAssertEqual(tsv.rows.last, [sources.last!, "", "", "", "", "no words to classify"])
    XCTAssertEqual(tsv.header, ClassificationFormat.fields(labels: model.labels))
    XCTAssertEqual(tsv.header, fields)
    XCTAssertEqual(csv.header, fields)
    XCTAssertEqual(csv.rows, tsv.rows)
    XCTAssertEqual(jsonl, tsv.rows)
    XCTAssertTrue(tsv.rows.dropLast().allSatisfy { $0[2...4].allSatisfy { $0.count == 8 } }, "0.dddddd")
  }

  /// With two classes the label is pos exactly when p(pos) ≥ the threshold; with more, the
  /// most probable class whatever the threshold.
  func testThreshold() throws {
    let binary = ["neg", "pos"]
    let at = ClassificationRow(source: "a", probabilities: [0.3, 0.7], labels: binary, threshold: 0.7)
    XCTAssertEqual(at.label, "pos")
    XCTAssertEqual(at.probability, 0.7)
    let below = ClassificationRow(
      source: "a", probabilities: [1 - 0.7.nextDown, 0.7.nextDown], labels: binary, threshold: 0.7)
    XCTAssertEqual(below.label, "neg")
    XCTAssertEqual(below.probability, 1 - 0.7.nextDown)
    let three = ClassificationRow(
      source: "a", probabilities: [0.2, 0.5, 0.3], labels: ["a", "b", "c"], threshold: 0.9)
    XCTAssertEqual(three.label, "b")
    XCTAssertEqual(three.probability, 0.5)
    let model = try loadedModel()
    let directory = try TemporaryDirectory()
    let input = try directory.write(Array("great film\ndull plot\nthe acting\n".utf8), to: "in")
    for (threshold, label) in [(0.0, "pos"), (1.0, "neg")] {
      let handle = try XCTUnwrap(FileHandle(forReadingAtPath: input))
      let run = try classify(
        ReviewFiles(["-"], standardInput: handle), with: model, threshold: threshold)
      XCTAssertEqual(ParsedRows.tsv(run.text).rows.map { $0[1] }, [label, label, label])
    }
  }

  /// A review longer than maxLength is cut at the configured end before it is classified; the
  /// chunk size changes nothing but the grouping.
  func testTruncationAndChunkSizes() throws {
    let model = try loadedModel()
    XCTAssertEqual(model.config.text.maxLength, 12)
    XCTAssertEqual(model.config.text.truncation, .pre)
    let long = review(words: 40, seed: 9)
    let kept = model.vocabulary.encode(long).suffix(12)
    let directory = try TemporaryDirectory()
    let lines = [long] + (0..<19).map { review(words: 3 + $0, seed: UInt64($0)) }
    let input = try directory.write(Array(lines.joined(separator: "\n").utf8), to: "in")
    var outputs: [[[String]]] = []
    for chunkSize in [1, 7, 256] {
      let handle = try XCTUnwrap(FileHandle(forReadingAtPath: input))
      let run = try classify(
        ReviewFiles(["-"], standardInput: handle), with: model, chunkSize: chunkSize)
      outputs.append(ParsedRows.tsv(run.text).rows)
    }
    let first = try XCTUnwrap(Double(outputs[0][0][4]))
    XCTAssertEqual(first, model.model.probabilities(of: [Array(kept)])[0][1], accuracy: 1.5e-6)
    XCTAssertEqual(outputs[0].count, 20)
    for output in outputs.dropFirst() {
      XCTAssertEqual(output.map { $0[0] }, outputs[0].map { $0[0] })
      for (a, b) in zip(output, outputs[0]) {
        for column in 2...4 {
          XCTAssertEqual(try XCTUnwrap(Double(a[column])), try XCTUnwrap(Double(b[column])), accuracy: 2e-6)
        }
      }
    }
  }

  func summary(rows: Int, failures: Int) -> ClassificationSummary {
    var summary = ClassificationSummary()
    summary.rows = rows
    summary.failures = failures
    return summary
  }
}
