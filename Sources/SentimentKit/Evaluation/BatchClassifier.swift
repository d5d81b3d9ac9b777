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
  /// The ranks sharing the chunks; nil: this process alone.
  public let communicator: Communicator?
  /// Bytes of review text that end a chunk early (16 MiB; one review may reach `Review.byteLimit`).
  public static let chunkBytes = 16 << 20

  /// A classifier writing to `writer`; `threshold` in [0, 1], `chunkSize` positive; the chunks
  /// shared among `communicator`'s ranks if given.
  public init(
    model: any ReviewClassifier, writer: ClassificationWriter, threshold: Double = 0.5,
    chunkSize: Int = 64, communicator: Communicator? = nil
  ) {
    precondition((0...1).contains(threshold), "threshold must be in [0, 1]")
    precondition(chunkSize > 0, "chunkSize must be positive")
    self.model = model
    self.writer = writer
    self.threshold = threshold
    self.chunkSize = chunkSize
    self.communicator = communicator
  }

  /// "classify".
  public var name: String { "classify" }

  /// Classifies every input, writes its row, and flushes the writer after each chunk; records
  /// the row count and shows progress in reviews a second. With a communicator the chunks go
  /// round by round, chunk k of each round of N to rank k (every rank reads every input, so all
  /// cut the same chunks); rank 0 gathers the round's probabilities and writes its rows in input
  /// order, the others write nothing and return an empty summary.
  public func run(_ inputs: ReviewFiles, in job: Job) throws -> ClassificationSummary {
    let progress = job.progress(total: nil, unit: .items("reviews"))
    var summary = ClassificationSummary()
    var round: [[ReviewFiles.Element]] = []  // chunks cut, waiting for the round to fill
    var chunk: [ReviewFiles.Element] = []
    var chunkBytes = 0
    chunk.reserveCapacity(chunkSize)
    func finishRound() throws {
      defer { round.removeAll(keepingCapacity: true) }
      guard let probabilities = probabilities(ofRound: round) else { return }
      for (inputs, p) in zip(round, probabilities) {
        for row in rows(inputs, probabilities: p) {
          try writer.write(row)
          summary.rows += 1
          if row.error != nil { summary.failures += 1 }
        }
        try writer.flush()
        progress.advance(by: inputs.count)
      }
    }
    func finishChunk() throws {
      round.append(chunk)
      chunk.removeAll(keepingCapacity: true)
      chunkBytes = 0
      if round.count == (communicator?.size ?? 1) { try finishRound() }
    }
    for input in inputs {
      chunk.append(input)
      chunkBytes += (try? input.text.get())?.utf8.count ?? 0
      if chunk.count == chunkSize || chunkBytes >= Self.chunkBytes { try finishChunk() }
    }
    if !chunk.isEmpty { try finishChunk() }
    if !round.isEmpty { try finishRound() }
    if communicator?.isRoot ?? true { try writer.flush() }  // the header, when there was no input
    job.setItemCount(summary.rows)
    return summary
  }

  /// The class probabilities of each input of each chunk of `round`, or nil on ranks other
  /// than 0 of a job.
  private func probabilities(ofRound round: [[ReviewFiles.Element]]) -> [[[Double]?]]? {
    guard let communicator else { return round.map(probabilities(of:)) }
    let own = communicator.rank < round.count ? probabilities(of: round[communicator.rank]) : []
    // [present (0 or 1), p_0 … p_{C−1}] per input: the ranks send Doubles, not optionals.
    let classes = model.labels.count
    var flat: [Double] = []
    for p in own { flat += p.map { [1] + $0 } ?? [Double](repeating: 0, count: classes + 1) }
    guard let everyRank = communicator.gatherToRoot(flat) else { return nil }
    return everyRank.prefix(round.count).map { sent -> [[Double]?] in
      sent.chunked(into: classes + 1).map { row -> [Double]? in row[0] == 0 ? nil : Array(row.dropFirst()) }
    }
  }

  /// The class probabilities of each of `inputs` (nil: unreadable or no words), the readable
  /// texts in one call.
  private func probabilities(of inputs: [ReviewFiles.Element]) -> [[Double]?] {
    model.classProbabilities(ofTexts: inputs.map { (try? $0.text.get()) ?? "" })
  }

  /// The rows of `inputs`, in order, from their `probabilities`.
  private func rows(_ inputs: [ReviewFiles.Element], probabilities: [[Double]?]) -> [ClassificationRow] {
    zip(inputs, probabilities).map { input, probability in
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
