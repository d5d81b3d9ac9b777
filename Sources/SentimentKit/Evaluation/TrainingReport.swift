import Foundation

/// The Markdown report of one training run, with its SVG charts (learning curves, confusion
/// matrix, ROC curve) written beside it: what ran, on what, for how long, and how well.
public struct TrainingReport {
  /// A test review the model got wrong, with its confidence.
  public struct Mistake {
    /// Where the review came from.
    public var source: String
    /// The true class.
    public var label: String
    /// The class the model predicted.
    public var predicted: String
    /// The predicted class's probability.
    public var probability: Double
    /// The review text (shortened in the report).
    public var text: String

    /// A mistake of every field.
    public init(source: String, label: String, predicted: String, probability: Double, text: String) {
      self.source = source
      self.label = label
      self.predicted = predicted
      self.probability = probability
      self.text = text
    }
  }

  /// Report title.
  public var title: String
  /// The exact command line that produced the run.
  public var command: String
  /// The model folder.
  public var modelFolder: String
  /// Architecture, text and training settings.
  public var config: ModelFolderConfig
  /// Trainable scalars.
  public var parameterCount: Int
  /// Lines describing the data (archive, split sizes, vocabulary, repairs).
  public var dataLines: [String]
  /// The job's stage timings.
  public var stages: [StageRecord]
  /// Per-epoch figures and whether early stopping ended the run.
  public var state: TrainingState
  /// Test-set figures.
  public var test: TestFigures
  /// The most confidently wrong test reviews.
  public var mistakes: [Mistake]
  /// CPU model and cores.
  public var machine: String

  /// A report of every part.
  public init(
    title: String, command: String, modelFolder: String, config: ModelFolderConfig,
    parameterCount: Int, dataLines: [String], stages: [StageRecord], state: TrainingState,
    test: TestFigures, mistakes: [Mistake], machine: String
  ) {
    self.title = title
    self.command = command
    self.modelFolder = modelFolder
    self.config = config
    self.parameterCount = parameterCount
    self.dataLines = dataLines
    self.stages = stages
    self.state = state
    self.test = test
    self.mistakes = mistakes
    self.machine = machine
  }

  /// Writes the report to `url` and its charts beside it (`<name>-curves.svg`, `-confusion.svg`,
  /// `-roc.svg`), each atomically; the report itself last.
  public func write(to url: URL) throws {
    let stem = url.deletingPathExtension().lastPathComponent
    let charts = [("\(stem)-curves.svg", learningCurves.svg())] + ReportSections.testCharts(test, stem: stem)
    try ReportSections.write(charts + [(url.lastPathComponent, markdown(chartStem: stem))], in: url.deletingLastPathComponent())
  }

  /// Loss (solid: train, dashed: validation) and accuracy per epoch.
  var learningCurves: LineChart {
    let h = state.history
    let e = h.map { Double($0.epoch) }
    var series = [
      LineChart.Series(name: "train loss", points: Array(zip(e, h.map(\.trainLoss))), colorIndex: 0),
      LineChart.Series(name: "train accuracy", points: Array(zip(e, h.map(\.trainAccuracy))), colorIndex: 1),
    ]
    if h.contains(where: { $0.validationLoss != nil }) {
      series.append(LineChart.Series(
        name: "validation loss", points: Array(zip(e, h.map { $0.validationLoss ?? .nan })), dashed: true, colorIndex: 0))
      series.append(LineChart.Series(
        name: "validation accuracy", points: Array(zip(e, h.map { $0.validationAccuracy ?? .nan })), dashed: true, colorIndex: 1))
    }
    return LineChart(title: "Learning curves", xLabel: "epoch", yLabel: "loss / accuracy", series: series)
  }

  /// The dropouts in force, as "head 0.5, word 0.1, …", or "none".
  static func describe(_ r: Regularisation) -> String {
    let named = [
      ("head", r.dropout), ("word", r.wordDropout), ("locked input", r.inputDropout),
      ("locked output", r.outputDropout), ("weight (U)", r.weightDropout),
    ]
    let active = named.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
    return active.isEmpty ? "none" : active.joined(separator: ", ")
  }

  /// The report text; charts are linked by their file names.
  public func markdown(chartStem stem: String) -> String {
    var out = "# \(title)\n\n"
    out += "Produced by:\n\n```sh\n\(command)\n```\n\n"
    out += ReportSections.headline(test)
    out += "Machine: \(machine). Model folder: `\(modelFolder)`.\n\n"

    out += "## Model\n\n"
    var model = MarkdownTable(["setting", "value"])
    for (setting, value) in LoadedModel.settings(config) where setting != "text" { model.append([setting, value]) }
    model.append(["trainable parameters", Self.grouped(parameterCount)])
    out += model.markdown + "\n"

    out += "## Training\n\n"
    let t = config.training
    var training = MarkdownTable(["setting", "value"])
    training.append(["optimizer", "\(t.optimizer.rawValue), learning rate \(t.learningRate)"])
    training.append(["batch size", "\(t.batchSize)"])
    training.append(["epochs", "\(state.epochsCompleted) of \(t.epochs)\(state.stoppedEarly ? " (stopped early)" : "")"])
    training.append(["weights kept", state.restoredEpoch.map { "epoch \($0) (best validation \(t.monitor.rawValue))" } ?? "the last epoch's"])
    training.append(["schedule", "\(t.schedule)"])
    if t.weightDecay > 0 { training.append(["weight decay", "\(t.weightDecay)"]) }
    training.append(["embedding start", t.initialisedFrom.map { "word vectors from `\($0)`" } ?? "random, N(0, 1)"])
    training.append(["gradient clipping", t.clipNorm.map { "global norm \($0)" } ?? "off"])
    training.append(["early stopping", t.patience.map { "patience \($0) on validation \(t.monitor.rawValue)" } ?? "off"])
    training.append(["validation split", String(format: "%.0f%% of train (seeded)", 100 * t.validationFraction)])
    training.append(["seed", "\(t.seed)"])
    training.append(["classes", config.labels.joined(separator: ", ")])
    if let weights = t.classWeights {
      training.append(["class weights (loss)", weights.map { String(format: "%.3f", $0) }.joined(separator: ", ")])
    }
    training.append(["text", "lowercase \(config.text.lowercases), \(config.text.vocabularyWords) words, max length: \(config.text.lengthDescription), truncation \(config.text.truncation.rawValue)"])
    out += training.markdown + "\n"

    var epochs = MarkdownTable(
      ["epoch", "train loss", "train acc.", "val. loss", "val. acc.", "seconds", "tokens/s", "peak MiB"],
      numeric: Set(0..<8))
    for r in state.history {
      epochs.append([
        "\(r.epoch)", String(format: "%.4f", r.trainLoss), String(format: "%.2f%%", 100 * r.trainAccuracy),
        r.validationLoss.map { String(format: "%.4f", $0) } ?? "–",
        r.validationAccuracy.map { String(format: "%.2f%%", 100 * $0) } ?? "–",
        String(format: "%.1f", r.seconds), Self.grouped(Int(r.tokensPerSecond)),
        r.peakMiB.map { String(format: "%.0f", $0) } ?? "–",
      ])
    }
    out += epochs.markdown + "\n![Learning curves](\(stem)-curves.svg)\n\n"

    out += ReportSections.testSet(test, stem: stem)
    out += "## Data\n\n" + dataLines.map { "- \($0)" }.joined(separator: "\n") + "\n\n"

    out += ReportSections.stages(stages)
    out += ReportSections.mistakes(mistakes)
    return out
  }

  /// The `count` test reviews the model was most confidently wrong about; `texts` parallel to
  /// `data`, classes named by `classNames`.
  public static func mistakes(
    probabilities: [[Double]], data: LabelledSequences, classNames: [String], texts: [String],
    count: Int = 5
  ) -> [Mistake] {
    ReportSections.worstMistakes(
      probabilities: probabilities, labels: data.labels, classNames: classNames,
      sources: data.sources, texts: texts, count: count)
  }

  /// 1234567 → "1,234,567".
  public static func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(ch)
    }
    return n < 0 ? "-" + out : out
  }

  /// At most about 240 characters on one line, HTML breaks removed.
  static func shortened(_ text: String) -> String {
    let flat = text.replacingOccurrences(of: "<br />", with: " ").replacingOccurrences(of: "\n", with: " ")
    guard flat.count > 240 else { return flat }
    return String(flat.prefix(240)) + "…"
  }
}
