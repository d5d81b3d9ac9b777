import Foundation
import SentimentKit

/// Times `sentiment classify` end to end as a user runs it on a folder of review files: the test
/// reviews written one .txt file each into a scratch folder, a BiLSTM model folder of the bench's
/// shape saved beside them, then, timed, the folder loaded (`ModelKind.load`) and every file
/// found, read, checked, tokenized, cut to its last 200 tokens, classified and written as a TSV
/// row by `BatchClassifier`, the rows going to a sink that counts their bytes. The scratch folder
/// is removed afterwards.
public struct ClassifyBench {
  /// The review texts to write as files.
  public let texts: [String]
  /// The vocabulary the model folder is saved with.
  public let vocabulary: Vocabulary

  /// A bench of classifying `texts` as files, with a model of `vocabulary`.
  public init(texts: [String], vocabulary: Vocabulary) {
    self.texts = texts
    self.vocabulary = vocabulary
  }

  /// Counts the bytes of the rows written.
  private final class ByteCount {
    var bytes = 0
  }

  /// The section: reviews per second from files, and what the run did.
  public func run(seed: UInt64) throws -> BenchSection {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("sentiment-classify-bench-\(getpid())")
    try? FileManager.default.removeItem(at: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let folder = scratch.appendingPathComponent("reviews")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (index, text) in texts.enumerated() {
      let name = String(format: "%05d.txt", index)
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    let modelFolder = scratch.appendingPathComponent("model")
    var generator = SplitMix64(seed: seed)
    let config = BenchModel.bilstm.config
    var text = TextConfig()
    text.maxLength = ModelBench.maxLength
    try ModelFolder(modelFolder).save(
      model: ModelFactory.make(config, using: &generator), vocabulary: vocabulary,
      config: ModelFolderConfig(model: config, text: text, training: TrainingConfig()))

    let stopwatch = Stopwatch()
    let loaded = try ModelKind.load(modelFolder)
    let count = ByteCount()
    let writer = ClassificationWriter(format: .tsv, labels: loaded.labels) { count.bytes += $0.count }
    let classifier = BatchClassifier(model: loaded, writer: writer, threshold: loaded.decisionThreshold)
    let summary = try Job(progressStyle: .silent).run(classifier, ReviewFiles([folder.path]))
    let seconds = stopwatch.seconds
    return BenchSection(
      title: "classify from a folder of files (BiLSTM)",
      rows: [
        .init(name: "review files classified", value: Double(summary.rows), unit: ""),
        .init(name: "failed", value: Double(summary.failures), unit: ""),
        .init(name: "reviews/s, end to end", value: Double(summary.rows) / seconds, unit: ""),
        .init(name: "rows written", value: Double(count.bytes) / 1_048_576, unit: "MiB"),
      ],
      notes: [
        "The first \(texts.count) test reviews, one .txt file each in a scratch folder; timed "
          + "from loading the model folder (the bench's BiLSTM shape, random weights, reviews cut "
          + "to their last 200 tokens) to the last TSV row, as `sentiment classify --model DIR "
          + "FOLDER` does it, rows counted rather than printed. Compare \"infer reviews/s\" of "
          + "bilstm above, which starts from texts in memory."
      ])
  }
}
