import SentimentKit

/// What `sentiment data` reports, as one Codable value: printed as a table or as JSON.
struct DataReport: Codable {
  /// Reviews per label in one split.
  struct LabelCounts: Codable {
    var pos: Int
    var neg: Int
  }

  /// Token counts per review: nearest-rank percentiles and the maximum.
  struct Lengths: Codable {
    var p50: Int
    var p90: Int
    var p99: Int
    var max: Int
  }

  /// A count with the first few review sources it covers.
  struct Examples: Codable {
    var count: Int
    var examples: [String]
  }

  var archive: String
  var train: LabelCounts
  var test: LabelCounts
  /// Ids in the vocabulary, `<pad>` and `<unk>` included.
  var vocabularySize: Int
  /// Over the labelled train and test reviews.
  var tokensPerReview: Lengths
  var invalidUTF8: Examples
  var emptyReviews: Examples
  var stages: [StageRecord]
  var totalSeconds: Double

  init(archive: String, data: PreparedData, job: Job) {
    let summary = data.corpus.summary
    self.archive = archive
    train = LabelCounts(pos: summary.count(.train, .pos), neg: summary.count(.train, .neg))
    test = LabelCounts(pos: summary.count(.test, .pos), neg: summary.count(.test, .neg))
    vocabularySize = data.vocabulary.count
    let lengths = data.sequences.map(\.count).sorted()
    func percentile(_ p: Int) -> Int {
      lengths.isEmpty ? 0 : lengths[max(0, (p * lengths.count + 99) / 100 - 1)]
    }
    tokensPerReview = Lengths(
      p50: percentile(50), p90: percentile(90), p99: percentile(99), max: lengths.last ?? 0)
    invalidUTF8 = Examples(count: summary.repairedCount, examples: summary.repairedExamples)
    emptyReviews = Examples(count: summary.emptyCount, examples: summary.emptyExamples)
    stages = job.records
    totalSeconds = job.totalSeconds
  }

  /// The report as an aligned, human-readable table.
  var text: String {
    let count = Format.count
    var lines = [
      "IMDB archive: \(archive)",
      "reviews        pos        neg",
      "  train  \(Format.pad(count(train.pos), 9, right: true))  "
        + Format.pad(count(train.neg), 9, right: true),
      "  test   \(Format.pad(count(test.pos), 9, right: true))  "
        + Format.pad(count(test.neg), 9, right: true),
      "vocabulary: \(count(vocabularySize)) ids (\(count(vocabularySize - 2)) train words, "
        + "<pad> and <unk>)",
      "tokens per labelled review: p50 \(count(tokensPerReview.p50)), "
        + "p90 \(count(tokensPerReview.p90)), p99 \(count(tokensPerReview.p99)), "
        + "max \(count(tokensPerReview.max))",
    ]
    for (name, examples) in [
      ("invalid UTF-8 repaired", invalidUTF8), ("empty reviews", emptyReviews),
    ] {
      let shown = examples.examples.isEmpty ? "" : " (\(examples.examples.joined(separator: ", ")))"
      lines.append("\(name): \(count(examples.count))\(shown)")
    }
    lines.append("stage                      seconds      items")
    for stage in stages {
      let name = String(repeating: "  ", count: stage.depth + 1) + stage.name
      let items = stage.items.map(count) ?? ""
      lines.append(
        Format.pad(name, 25) + Format.pad(Format.decimal(stage.seconds), 10, right: true)
          + Format.pad(items, 11, right: true))
    }
    lines.append(
      Format.pad("  total", 25) + Format.pad(Format.decimal(totalSeconds), 10, right: true))
    return lines.joined(separator: "\n")
  }
}
