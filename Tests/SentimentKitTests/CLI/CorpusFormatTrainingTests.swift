import Foundation
import SentimentKit
import XCTest

/// The same reviews in every corpus format train to the same model as the aclImdb archive
/// gives (same seed: identical weights), and a three-class corpus trains, evaluates and
/// classifies end to end.
final class CorpusFormatTrainingTests: XCTestCase {
  private let small = [
    "--hidden", "6", "--embedding", "6", "--batch-size", "16", "--vocab-size", "40", "--epochs", "2",
  ]

  func testEveryFormatTrainsTheArchivesModel() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 40, into: folder)
    var reviews: [LabelledReview] = []
    try IMDBSource(path: archive).forEach(in: Job(progressStyle: .silent)) { reviews.append($0) }
    func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    var inputs: [(name: String, arguments: [String])] = [("archive", ["--data", archive])]
    for split in Review.Split.allCases {
      let part = reviews.filter { $0.split == split }
      let csv = "label,text\n" + part.map { "\($0.label),\(field($0.text))\n" }.joined()
      try Data(csv.utf8).write(to: folder.appendingPathComponent("\(split.rawValue).csv"))
      let jsonl = try part.map {
        String(decoding: try JSONSerialization.data(withJSONObject: ["text": $0.text, "label": $0.label]), as: UTF8.self) + "\n"
      }.joined()
      try Data(ArchiveBuilder.gzip(Array(jsonl.utf8))).write(to: folder.appendingPathComponent("\(split.rawValue).jsonl.gz"))
      for (i, review) in part.enumerated() {  // zero-padded names: path order is corpus order
        let dir = folder.appendingPathComponent("classes/\(split.rawValue)/\(review.label)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(review.text.utf8).write(to: dir.appendingPathComponent(String(format: "%05d.txt", i)))
      }
    }
    inputs.append(("csv", ["--data", "train.csv", "--test-data", "test.csv"]))
    inputs.append(("jsonl", ["--data", "train.jsonl.gz", "--test-data", "test.jsonl.gz"]))
    inputs.append(("folders", ["--data", "classes"]))
    var weights: [String: Data] = [:]
    for (name, arguments) in inputs {
      let run = try SentimentTool.run(
        ["train"] + arguments + small + ["--model-dir", "m-\(name)", "--report", "r/\(name).md"], in: folder)
      XCTAssertEqual(run.status, 0, "\(name): \(run.errors)")
      weights[name] = try Data(contentsOf: folder.appendingPathComponent("m-\(name)/model.safetensors"))
    }
    for name in ["csv", "jsonl", "folders"] {
      XCTAssertEqual(weights[name], weights["archive"], "\(name) trains the archive's model")
    }
  }

  func testThreeClassesTrainEvaluateAndClassify() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    var generator = SplitMix64(seed: 11)
    let cues = [
      "negative": SyntheticIMDB.complaints, "neutral": ["average", "okay", "fine", "middling"],
      "positive": SyntheticIMDB.praise,
    ]
    var lines = [String]()
    for i in 0..<240 {
      let label = ["negative", "neutral", "positive"][i % 3]
      let words = (0..<12).map { _ in
        Double.random(in: 0..<1, using: &generator) < 0.4
          ? cues[label]!.randomElement(using: &generator)! : SyntheticIMDB.filler.randomElement(using: &generator)!
      }
      lines.append("{\"review\": \"\(words.joined(separator: " "))\", \"stars\": \"\(label)\"}")
    }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("tickets.jsonl"))
    let train = try SentimentTool.run(
      ["train", "--data", "tickets.jsonl", "--text-field", "review", "--label-field", "stars",
       "--class-weights", "balanced", "--learning-rate", "0.01", "--epochs", "8", "--model-dir", "m",
       "--report", "r/t.md"] + small.dropLast(2),
      in: folder)
    XCTAssertEqual(train.status, 0, train.errors)
    let config = try String(contentsOf: folder.appendingPathComponent("m/config.json"), encoding: .utf8)
    XCTAssertTrue(config.contains("\"neutral\""), config)
    let report = try String(contentsOf: folder.appendingPathComponent("r/t.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("| actual \\ predicted | negative | neutral | positive |"), report)
    XCTAssertTrue(report.contains("held out from the data"), report)
    XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r/t-confusion.svg").path))
    let figure = report.components(separatedBy: "**Test accuracy ").dropFirst().first?.prefix { $0 != "%" }
    XCTAssertGreaterThan(try XCTUnwrap(figure.flatMap { Double($0) }, report), 60, report)

    let evaluate = try SentimentTool.run(
      ["evaluate", "--data", "tickets.jsonl", "--text-field", "review", "--label-field", "stars", "--model", "m",
       "--report", "r/e.md"], in: folder)
    XCTAssertEqual(evaluate.status, 0, evaluate.errors)

    let classify = try SentimentTool.run(
      ["classify", "--model", "m", "--format", "csv", "-"], in: folder, input: "superb wonderful film\n")
    XCTAssertEqual(classify.status, 0, classify.errors)
    let rows = classify.output.split(separator: "\n")
    XCTAssertEqual(rows.first, "source,label,probability,p_negative,p_neutral,p_positive,error")
    let values = rows[1].split(separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(values[1], "positive", classify.output)
    XCTAssertEqual(values[2], values[5], "probability is the predicted class's")
  }
}
