import Foundation

/// The Markdown report of a language-model pretraining run: the command, what was read, the
/// settings, held-out perplexity and training loss per epoch, the learning curve (an SVG beside
/// the report), and the stages' times.
public struct LanguageModelReport {
  /// The saved model's settings and figures.
  public let config: LanguageModelFolder.Config
  /// Where it was saved.
  public let folder: String
  /// Lines describing the text trained on.
  public let dataLines: [String]
  /// The job's stages.
  public let stages: [StageRecord]
  /// The machine, in words.
  public let machine: String

  /// A report of these figures.
  public init(
    config: LanguageModelFolder.Config, folder: String, dataLines: [String], stages: [StageRecord],
    machine: String
  ) {
    self.config = config
    self.folder = folder
    self.dataLines = dataLines
    self.stages = stages
    self.machine = machine
  }

  /// The report text; `chart` names the learning-curve SVG beside it.
  public func markdown(chart: String) -> String {
    let c = config
    let m = c.model
    var out = "# Language model pretraining\n\n"
    out += "Produced by:\n\n```sh\n\(c.command ?? "sentiment pretrain --objective language-model")\n```\n\n"
    out += "Machine: \(machine). Folder: `\(folder)`."
    if let seconds = c.seconds { out += String(format: " Whole job: %.0f s.", seconds) }
    if let peak = c.peakMiB { out += String(format: " Peak memory: %.0f MiB.", peak) }
    out += "\n\n## Data\n\n" + dataLines.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
    out += "## Model and settings\n\n"
    var settings = MarkdownTable(["setting", "value"])
    let direction = m.bidirectional
      ? "both: the forward half predicts the next word, the reverse half the previous one"
      : "forward: each state predicts the next word"
    settings.append(["encoder", "\(m.cell.rawValue), \(m.layers) layer(s), hidden \(m.hiddenSize), embedding \(m.embeddingSize)"])
    settings.append(["directions", direction])
    settings.append(["vocabulary", "\(m.vocabularySize) ids; the output layer scores all of them at evaluation"])
    settings.append(["softmax while training", "sampled: \(c.pretraining.candidates) candidates a batch, drawn ∝ count^0.75, corrected by log π"])
    let pieces = c.pretraining.chunkLength.map { "pieces of at most \($0) tokens (overlapping by one)" } ?? "whole reviews"
    settings.append(["batches", "at most \(c.pretraining.batchSize) \(pieces) and \(TrainingReport.grouped(c.pretraining.batchTokens)) tokens, bucketed by length"])
    settings.append(["optimizer", "Adam, rate \(c.pretraining.learningRate), 1% warm-up then cosine to 0"])
    settings.append(["gradient clipping", c.pretraining.clipNorm.map { "global norm \($0)" } ?? "off"])
    settings.append(["epochs", "\(c.pretraining.epochs)"])
    settings.append(["seed", "\(c.pretraining.seed)"])
    if let from = c.initialisedFrom { settings.append(["embedding started from", "`\(from)`"]) }
    out += settings.markdown + "\n"
    out += "## Perplexity\n\n"
    out += "Held-out perplexity is e^(mean −log p) of every next (and previous) word of \(c.heldOutReviews) reviews held out from training, under the full softmax.\n\n"
    var table = MarkdownTable(["epoch", "training loss (sampled)", "held-out perplexity", "predictions/s", "seconds"])
    if let p = c.initialPerplexity { table.append(["0 (start)", "", String(format: "%.1f", p), "", ""]) }
    for e in c.epochs {
      table.append([
        "\(e.epoch)", String(format: "%.4f", e.trainingLoss),
        e.heldOutPerplexity.map { String(format: "%.1f", $0) } ?? "",
        TrainingReport.grouped(Int(e.predictionsPerSecond)), String(format: "%.0f", e.seconds),
      ])
    }
    out += table.markdown + "\n"
    out += "![learning curve](\(chart))\n\n"
    out += "## Stages\n\n" + MarkdownTable.stages(stages).markdown + "\n"
    return out
  }

  /// The training loss against predictions seen.
  public var curveSVG: String {
    let points = config.curve.map { (x: Double($0.predictions) / 1e6, y: $0.trainingLoss) }
    let chart = LineChart(
      title: "Language model: training loss (sampled softmax)", xLabel: "predictions trained on (millions)",
      yLabel: "mean loss", series: [LineChart.Series(name: "training loss", points: points, colorIndex: 0)])
    return chart.svg()
  }

  /// Writes the report to `url` and the learning curve beside it (NAME.svg for NAME.md).
  public func write(to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let chart = url.deletingPathExtension().appendingPathExtension("svg")
    try AtomicFile.write(Data(curveSVG.utf8), to: chart)
    try AtomicFile.write(Data(markdown(chart: chart.lastPathComponent).utf8), to: url)
  }
}
