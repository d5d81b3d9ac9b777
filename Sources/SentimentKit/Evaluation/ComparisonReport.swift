import Foundation

/// Several architectures trained on the same data with the same budget, side by side: one
/// Markdown table and the learning curves of all of them on one chart.
public struct ComparisonReport {
  /// One trained model's figures.
  public struct Entry {
    /// Architecture name, e.g. "BiLSTM".
    public var name: String
    /// Trainable scalars.
    public var parameterCount: Int
    /// Per-epoch figures.
    public var history: [EpochRecord]
    /// Test-set figures.
    public var test: BinaryMetrics

    /// An entry of every field.
    public init(name: String, parameterCount: Int, history: [EpochRecord], test: BinaryMetrics) {
      self.name = name
      self.parameterCount = parameterCount
      self.history = history
      self.test = test
    }
  }

  /// The exact command line.
  public var command: String
  /// Lines describing the shared data and budget.
  public var setupLines: [String]
  /// The models, in the order trained.
  public var entries: [Entry]
  /// CPU model and cores.
  public var machine: String

  /// A report of every part.
  public init(command: String, setupLines: [String], entries: [Entry], machine: String) {
    self.command = command
    self.setupLines = setupLines
    self.entries = entries
    self.machine = machine
  }

  /// Writes the report to `url` and `<name>-validation.svg` beside it, atomically.
  public func write(to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let stem = url.deletingPathExtension().lastPathComponent
    for (suffix, chart) in [("accuracy", accuracyChart), ("loss", lossChart)] {
      try Data(chart.svg(width: 720, height: 420).utf8)
        .write(to: folder.appendingPathComponent("\(stem)-\(suffix).svg"), options: .atomic)
    }
    try Data(markdown(chartStem: stem).utf8).write(to: url, options: .atomic)
  }

  /// Validation accuracy (solid) and train accuracy (dashed) per epoch, one colour per model.
  var accuracyChart: LineChart {
    curves(title: "Accuracy per epoch (solid: validation, dashed: train)", y: "accuracy") {
      ($0.validationAccuracy ?? .nan, $0.trainAccuracy)
    }
  }

  /// Validation loss (solid) and train loss (dashed) per epoch.
  var lossChart: LineChart {
    curves(title: "Loss per epoch (solid: validation, dashed: train)", y: "loss") {
      ($0.validationLoss ?? .nan, $0.trainLoss)
    }
  }

  private func curves(title: String, y: String, _ values: (EpochRecord) -> (Double, Double)) -> LineChart {
    var series = [LineChart.Series]()
    for (i, entry) in entries.enumerated() {
      let epochs = entry.history.map { Double($0.epoch) }
      let pairs = entry.history.map(values)
      series.append(LineChart.Series(name: entry.name, points: Array(zip(epochs, pairs.map(\.0))), colorIndex: i))
      series.append(LineChart.Series(name: "", points: Array(zip(epochs, pairs.map(\.1))), dashed: true, colorIndex: i))
    }
    return LineChart(title: title, xLabel: "epoch", yLabel: y, series: series)
  }

  /// The report text.
  public func markdown(chartStem stem: String) -> String {
    var out = "# IMDB sentiment: architectures compared\n\nProduced by:\n\n```sh\n\(command)\n```\n\n"
    out += "Machine: \(machine).\n\n" + setupLines.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
    var table = MarkdownTable(
      ["model", "test accuracy", "F1 (pos)", "ROC AUC", "parameters", "seconds / epoch", "tokens/s", "epochs"],
      numeric: Set(1..<8))
    for e in entries {
      let seconds = e.history.map(\.seconds).reduce(0, +) / Double(max(e.history.count, 1))
      let tokens = e.history.map(\.tokensPerSecond).reduce(0, +) / Double(max(e.history.count, 1))
      table.append([
        e.name, String(format: "%.2f%%", 100 * e.test.accuracy), String(format: "%.4f", e.test.classes[1].f1),
        String(format: "%.4f", e.test.rocAUC), TrainingReport.grouped(e.parameterCount),
        String(format: "%.1f", seconds), TrainingReport.grouped(Int(tokens)), "\(e.history.count)",
      ])
    }
    out += table.markdown + "\n"
    out += "![Accuracy per epoch](\(stem)-accuracy.svg)\n\n![Loss per epoch](\(stem)-loss.svg)\n"
    return out
  }
}
