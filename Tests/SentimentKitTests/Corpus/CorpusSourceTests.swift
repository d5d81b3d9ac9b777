import Foundation
import SentimentKit
import XCTest

/// Every `CorpusSource` on small generated corpora: three classes in each format read alike,
/// and each kind of bad input is an error naming its file and line.
final class CorpusSourceTests: XCTestCase {
  /// (text, label) of a three-class corpus, with a comma, a quote and a newline in some texts.
  static let rows: [(String, String)] = (0..<12).map { i in
    let label = ["negative", "neutral", "positive"][i % 3]
    let text = i == 4 ? "line one\nline \"two\", after a comma" : "review \(i) is \(label)"
    return (text, label)
  }

  private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  private static func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  private static func read(_ source: any CorpusSource) throws -> [LabelledReview] {
    var reviews: [LabelledReview] = []
    try source.forEach(in: Job(progressStyle: .silent)) { reviews.append($0) }
    return reviews
  }

  /// The error `source` throws, as its message.
  private static func failure(_ source: any CorpusSource) -> String {
    do {
      _ = try read(source)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  func testThreeClassesReadAlikeInEveryFormat() throws {
    let folder = try temporaryDirectory()
    let fields = RecordFields(text: "body", label: "sentiment")
    let csv = "id,body,sentiment\n" + Self.rows.enumerated().map { "\($0),\(Self.csvField($1.0)),\($1.1)" }.joined(separator: "\r\n") + "\n"
    let tsv = "sentiment\tbody\n" + Self.rows.map { "\($1)\t\(Self.csvField($0))" }.joined(separator: "\n")
    let jsonl = Self.rows.map { text, label in
      String(decoding: try! JSONSerialization.data(withJSONObject: ["body": text, "sentiment": label, "n": 1], options: [.sortedKeys]), as: UTF8.self)
    }.joined(separator: "\n") + "\n"
    let jsonlGz = folder.appendingPathComponent("r.jsonl.gz")
    try Data(ArchiveBuilder.gzip(Array(jsonl.utf8))).write(to: jsonlGz)
    let classes = folder.appendingPathComponent("classes")
    for (i, (text, label)) in Self.rows.enumerated() {
      let dir = classes.appendingPathComponent(label)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: dir.appendingPathComponent(String(format: "%03d.txt", i)))
    }
    let sources: [any CorpusSource] = [
      try CorpusFormat.detect(try write(csv, "r.csv", in: folder)).source(folder.appendingPathComponent("r.csv").path, fields: fields),
      try CorpusFormat.detect(try write(tsv, "r.tsv", in: folder)).source(folder.appendingPathComponent("r.tsv").path, fields: fields),
      try CorpusFormat.detect(jsonlGz.path).source(jsonlGz.path, fields: fields),
    ]
    XCTAssertEqual(try CorpusFormat.detect(classes.path), .folders)
    let expected = Self.rows.map { "\($1)|\($0)" }
    for source in sources {
      let reviews = try Self.read(source)
      XCTAssertEqual(reviews.map { "\($0.label)|\($0.text)" }, expected, source.kindDescription)
    }
    // Folders come in path order: class by class.
    let fromFolders = try Self.read(ClassFolderSource(path: classes.path))
    XCTAssertEqual(Set(fromFolders.map { "\($0.label)|\($0.text)" }), Set(expected))
    XCTAssertEqual(fromFolders.map(\.label), fromFolders.map(\.label).sorted())
    // The CSV's sources name the line each record starts on (record 4, on line 6, spans two).
    let csvReviews = try Self.read(sources[0])
    XCTAssertTrue(csvReviews[4].source.hasSuffix("r.csv:6"), csvReviews[4].source)
    XCTAssertTrue(csvReviews[5].source.hasSuffix("r.csv:8"), csvReviews[5].source)

    let corpus = try LabelledCorpus(
      data: sources[0], testData: nil, labels: nil, heldOutFraction: 0.25, seed: 3,
      job: Job(progressStyle: .silent))
    XCTAssertEqual(corpus.labels, ["negative", "neutral", "positive"])
    XCTAssertEqual(corpus.test.count, 3, "a stratified quarter: one of each class")
    XCTAssertEqual(Set(corpus.test.map(\.label)).count, 3)
    XCTAssertTrue(corpus.summary.joined().contains("held out"), corpus.summary.joined())
  }

  func testMalformedRecordsNameTheirFileAndLine() throws {
    let folder = try temporaryDirectory()
    let fields = RecordFields()
    func csv(_ text: String, _ name: String) throws -> String {
      Self.failure(DelimitedSource(path: try write(text, name, in: folder), separator: UInt8(ascii: ","), fields: fields))
    }
    let unbalanced = try csv("text,label\ngood,pos\n\"never closed,neg\nmore,pos\n", "quote.csv")
    XCTAssertTrue(unbalanced.contains("quote.csv:3") && unbalanced.contains("unbalanced quotes"), unbalanced)
    let missing = try csv("text,stars\ngood,5\n", "missing.csv")
    XCTAssertTrue(missing.contains("missing.csv:1") && missing.contains("no column \"label\""), missing)
    let ragged = try csv("text,label\ngood,pos\nbad,neg,extra\n", "ragged.csv")
    XCTAssertTrue(ragged.contains("ragged.csv:3") && ragged.contains("3 fields, but the header has 2"), ragged)
    let short = try csv("text,label\ngood\n", "short.csv")
    XCTAssertTrue(short.contains("short.csv:2") && short.contains("1 field, but"), short)
    let afterQuote = try csv("text,label\n\"a\"b,pos\n", "after.csv")
    XCTAssertTrue(afterQuote.contains("after.csv:2") && afterQuote.contains("closing quote"), afterQuote)
    let empty = try csv("text,label\ngood,pos\nbad, \n", "empty.csv")
    XCTAssertTrue(empty.contains("empty.csv:3") && empty.contains("empty label"), empty)

    let json = Self.failure(JSONLinesSource(
      path: try write("{\"text\":\"a\",\"label\":\"x\"}\n\n{\"text\":\"b\",\"label\":\"\"}\n", "e.jsonl", in: folder), fields: fields))
    XCTAssertTrue(json.contains("e.jsonl:3") && json.contains("empty label"), json)
    let notObject = Self.failure(JSONLinesSource(path: try write("[1]\n", "n.jsonl", in: folder), fields: fields))
    XCTAssertTrue(notObject.contains("n.jsonl:1") && notObject.contains("not a JSON object"), notObject)

    let stray = folder.appendingPathComponent("stray")
    try FileManager.default.createDirectory(at: stray.appendingPathComponent("a"), withIntermediateDirectories: true)
    try Data("x".utf8).write(to: stray.appendingPathComponent("a/1.txt"))
    try Data("x".utf8).write(to: stray.appendingPathComponent("loose.txt"))
    let loose = Self.failure(ClassFolderSource(path: stray.path))
    XCTAssertTrue(loose.contains("loose.txt") && loose.contains("not in a label folder"), loose)
  }

  func testClassesMissingFromTrainingOrUnseenInTestAreErrors() throws {
    let folder = try temporaryDirectory()
    let job = Job(progressStyle: .silent)
    let train = DelimitedSource(
      path: try write("text,label\ngood,pos\nbad,neg\nfine,pos\n", "train.csv", in: folder),
      separator: UInt8(ascii: ","), fields: RecordFields())
    let test = DelimitedSource(
      path: try write("text,label\nok,pos\nmeh,neutral\n", "test.csv", in: folder),
      separator: UInt8(ascii: ","), fields: RecordFields())
    XCTAssertThrowsError(
      try LabelledCorpus(data: train, testData: test, labels: nil, heldOutFraction: 0.2, seed: 1, job: job)
    ) { error in
      let message = "\(error)"
      XCTAssertTrue(message.contains("test.csv:3") && message.contains("\"neutral\""), message)
    }
    XCTAssertThrowsError(
      try LabelledCorpus(
        data: train, testData: test, labels: ["neg", "neutral", "pos"], heldOutFraction: 0.2, seed: 1, job: job)
    ) { error in
      let message = "\(error)"
      XCTAssertTrue(message.contains("class \"neutral\"") && message.contains("train.csv"), message)
    }
    // --labels fixes the order: output 0 is pos here.
    let binaryTest = DelimitedSource(
      path: try write("text,label\nok,pos\nawful,neg\n", "test2.csv", in: folder),
      separator: UInt8(ascii: ","), fields: RecordFields())
    let corpus = try LabelledCorpus(
      data: train, testData: binaryTest, labels: ["pos", "neg"], heldOutFraction: 0.2, seed: 1, job: job)
    XCTAssertEqual(corpus.labels, ["pos", "neg"])
    XCTAssertEqual(corpus.test.map(corpus.classIndex(of:)), [0, 1])
  }
}
