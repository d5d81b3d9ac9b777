/// The stage behind `sentiment classify`: labels every input of a `ReviewFiles` with a loaded
/// model and writes one row per input, in input order, to a `ClassificationWriter`.
///
/// Inputs are read and classified (the model encodes them as it was trained) a chunk at a time,
/// and each chunk's rows are written before the next is read, so memory stays flat however many
/// inputs there are: a chunk ends at `chunkSize` inputs or at `chunkBytes` bytes of text,
/// whichever comes first, so large reviews cannot pile up. An input that cannot be read, or whose text
/// has no words, gets a row with the reason; it never stops the run.
public struct BatchClassifier: Stage {
  /// The model, of any kind.
  public let model: any ReviewClassifier
  /// Where the rows go.
  public let writer: ClassificationWriter
  /// A binary model says pos when p(pos) ≥ `threshold`; more classes take the most probable.
  public let threshold: Double
  /// Inputs classified together. Memory grows with it (the default BiLSTM at 200 tokens:
  /// about 250 MiB at 64, 500 MiB at 256), speed hardly does.
  public let chunkSize: Int
  /// Bytes of review text that end a chunk early (16 MiB; one review may reach `Review.byteLimit`).
  public static let chunkBytes = 16 << 20

  /// A classifier writing to `writer`; `threshold` in [0, 1], `chunkSize` positive.
  public init(
    model: any ReviewClassifier, writer: ClassificationWriter, threshold: Double = 0.5, chunkSize: Int = 64
  ) {
    precondition((0...1).contains(threshold), "threshold must be in [0, 1]")
    precondition(chunkSize > 0, "chunkSize must be positive")
    self.model = model
    self.writer = writer
    self.threshold = threshold
    self.chunkSize = chunkSize
  }

  /// "classify".
  public var name: String { "classify" }

  /// Classifies every input, writes its row, and flushes the writer after each chunk; records
  /// the row count and shows progress in reviews a second.
  public func run(_ inputs: ReviewFiles, in job: Job) throws -> ClassificationSummary {
    let progress = job.progress(total: nil, unit: .items("reviews"))
    var summary = ClassificationSummary()
    var chunk: [ReviewFiles.Element] = []
    var chunkBytes = 0
    chunk.reserveCapacity(chunkSize)
    func finishChunk() throws {
      chunkBytes = 0
      for row in rows(chunk) {
        try writer.write(row)
        summary.rows += 1
        if row.error != nil { summary.failures += 1 }
      }
      try writer.flush()
      progress.advance(by: chunk.count)
      chunk.removeAll(keepingCapacity: true)
    }
    for input in inputs {
      chunk.append(input)
      chunkBytes += (try? input.text.get())?.utf8.count ?? 0
      if chunk.count == chunkSize || chunkBytes >= Self.chunkBytes { try finishChunk() }
    }
    if !chunk.isEmpty { try finishChunk() }
    try writer.flush()  // the header, when there was no input
    job.setItemCount(summary.rows)
    return summary
  }

  /// The rows of `inputs`, in order: the readable texts classified in one call.
  private func rows(_ inputs: [ReviewFiles.Element]) -> [ClassificationRow] {
    let probabilities = model.classProbabilities(ofTexts: inputs.map { (try? $0.text.get()) ?? "" })
    return zip(inputs, probabilities).map { input, probability in
      let source = input.source
      if case .failure(let error) = input.text {
        return ClassificationRow(source: source, error: error.description)
      }
      guard let probability else { return ClassificationRow(source: source, error: "no words to classify") }
      return probability.allSatisfy(\.isFinite)
        ? ClassificationRow(
          source: source, probabilities: probability, labels: model.labels, threshold: threshold)
        : ClassificationRow(source: source, error: "the model's probabilities are not numbers")
    }
  }
}
