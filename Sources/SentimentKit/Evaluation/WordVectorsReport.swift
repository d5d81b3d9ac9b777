import Foundation

/// The Markdown report of a word-vector pretraining run: the command, what was read, the
/// settings, the loss per epoch, the stages' times, and the nearest neighbours of a few probe
/// words (cosine similarity), a look at whether the vectors learned anything.
public struct WordVectorsReport {
  /// The vectors and their settings.
  public let vectors: WordVectors
  /// The command line that produced them.
  public let command: String
  /// Where they were saved.
  public let folder: String
  /// Lines describing the text trained on.
  public let dataLines: [String]
  /// The job's stages.
  public let stages: [StageRecord]
  /// Words per second, after subsampling.
  public let wordsPerSecond: Double
  /// The machine, in words.
  public let machine: String

  /// A report of these figures.
  public init(
    vectors: WordVectors, command: String, folder: String, dataLines: [String],
    stages: [StageRecord], wordsPerSecond: Double, machine: String
  ) {
    self.vectors = vectors
    self.command = command
    self.folder = folder
    self.dataLines = dataLines
    self.stages = stages
    self.wordsPerSecond = wordsPerSecond
    self.machine = machine
  }

  /// Probe words shown with their neighbours when they are in the vocabulary.
  static let probes = ["great", "awful", "boring", "funny", "masterpiece", "actor", "plot", "disappointed"]

  /// The report text.
  public var markdown: String {
    let c = vectors.config
    var out = "# Word vectors: skip-gram with negative sampling\n\n"
    out += "Produced by:\n\n```sh\n\(command)\n```\n\n"
    out += "Machine: \(machine). Folder: `\(folder)`.\n\n"
    out += "## Data\n\n" + dataLines.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
    out += "## Settings and loss\n\n"
    var settings = MarkdownTable(["setting", "value"])
    let s = c.skipGram
    settings.append(["dimensions", "\(s.dimensions)"])
    settings.append(["window", "1 … \(s.window), drawn per centre word"])
    settings.append(["noise words", "\(s.negatives) per context word, ∝ count^0.75"])
    settings.append(["subsampling t", "\(s.subsampling)"])
    settings.append(["learning rate", "\(s.learningRate), falling linearly over the run"])
    settings.append(["epochs", "\(s.epochs)"])
    settings.append(["seed", "\(s.seed)"])
    settings.append(["words per second", TrainingReport.grouped(Int(wordsPerSecond))])
    for (epoch, loss) in c.epochLosses.enumerated() {
      settings.append(["epoch \(epoch + 1) mean loss per pair", String(format: "%.4f", loss)])
    }
    out += settings.markdown + "\n"
    out += "## Nearest neighbours (cosine)\n\n"
    var neighbours = MarkdownTable(["word", "nearest"])
    for word in Self.probes {
      let id = Int(vectors.vocabulary.id(of: word))
      guard id != Int(Vocabulary.unknownID) else { continue }
      let near = nearest(to: id, count: 6).map { String(format: "%@ %.2f", vectors.vocabulary.tokens[$0.id], $0.similarity) }
      neighbours.append([word, near.joined(separator: ", ")])
    }
    out += neighbours.markdown + "\n"
    out += "## Stages\n\n" + MarkdownTable.stages(stages).markdown + "\n"
    return out
  }

  /// The `count` ids whose vectors are closest in angle to `id`'s, `<pad>` and `<unk>` aside.
  func nearest(to id: Int, count: Int) -> [(id: Int, similarity: Double)] {
    let v = vectors.vectors
    func norm(_ r: Int) -> Double {
      (0..<v.cols).reduce(0.0) { $0 + Double(v[r, $1]) * Double(v[r, $1]) }.squareRoot()
    }
    let n0 = norm(id)
    var scored: [(id: Int, similarity: Double)] = []
    for r in 2..<v.rows where r != id {
      let dot = (0..<v.cols).reduce(0.0) { $0 + Double(v[r, $1]) * Double(v[id, $1]) }
      scored.append((r, dot / max(norm(r) * n0, 1e-12)))
    }
    return Array(scored.sorted { ($0.similarity, $1.id) > ($1.similarity, $0.id) }.prefix(count))
  }

  /// Writes the report to `url`.
  public func write(to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(markdown.utf8).write(to: url, options: .atomic)
  }
}
