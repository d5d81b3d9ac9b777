import Foundation

/// Several models trained on the same data, side by side: one Markdown table giving each test
/// accuracy with its 95% Wilson interval and the exact McNemar test against the most accurate
/// model on the same test reviews, a sentence saying which differences are significant at 5%,
/// and the learning curves of the recurrent ones on one chart.
public struct ComparisonReport {
  /// One trained model's figures.
  public struct Entry {
    /// Architecture name, e.g. "BiLSTM".
    public var name: String
    /// Trainable scalars.
    public var parameterCount: Int
    /// Per-epoch figures (none for a linear model).
    public var history: [EpochRecord]
    /// Test-set figures.
    public var test: BinaryMetrics
    /// Whether the model labels each test review correctly, in one order shared by every entry.
    public var correct: [Bool]
    /// Training seconds when there are no epochs to average (a linear fit).
    public var fitSeconds: Double?

    /// An entry of every field.
    public init(
      name: String, parameterCount: Int, history: [EpochRecord], test: BinaryMetrics,
      correct: [Bool], fitSeconds: Double? = nil
    ) {
      precondition(correct.count == test.count, "one correctness per test review")
      self.name = name
      self.parameterCount = parameterCount
      self.history = history
      self.test = test
      self.correct = correct
      self.fitSeconds = fitSeconds
    }

    /// An entry scored from its test probabilities of pos against the 0/1 `labels`, pos at or
    /// above `threshold`.
    public init(
      name: String, parameterCount: Int, history: [EpochRecord], probabilities: [Double],
      labels: [Int], threshold: Double = 0.5, fitSeconds: Double? = nil
    ) {
      self.init(
        name: name, parameterCount: parameterCount, history: history,
        test: BinaryMetrics(probabilities: probabilities, labels: labels, threshold: threshold),
        correct: zip(probabilities, labels).map { ($0 >= threshold ? 1 : 0) == $1 },
        fitSeconds: fitSeconds)
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
  /// Each model's test accuracy under several training seeds (empty: one seed, no table).
  public var repeats: [(name: String, accuracies: [Double])] = []

  /// A report of every part.
  public init(command: String, setupLines: [String], entries: [Entry], machine: String) {
    self.command = command
    self.setupLines = setupLines
    self.entries = entries
    self.machine = machine
  }

  /// Writes the report to `url` and its charts beside it (`<name>-accuracy.svg`, `-loss.svg`,
  /// `-reliability.svg`), atomically.
  public func write(to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let stem = url.deletingPathExtension().lastPathComponent
    let reliability = Calibration.chart(
      title: "Reliability on the test set (diagonal: perfectly calibrated)",
      entries.map { ($0.name, $0.test.calibration) })
    for (suffix, chart) in [("accuracy", accuracyChart), ("loss", lossChart), ("reliability", reliability)] {
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
    for (i, entry) in entries.enumerated() where !entry.history.isEmpty {
      let epochs = entry.history.map { Double($0.epoch) }
      let pairs = entry.history.map(values)
      series.append(LineChart.Series(name: entry.name, points: Array(zip(epochs, pairs.map(\.0))), colorIndex: i))
      series.append(LineChart.Series(name: "", points: Array(zip(epochs, pairs.map(\.1))), dashed: true, colorIndex: i))
    }
    return LineChart(title: title, xLabel: "epoch", yLabel: y, series: series)
  }

  /// The index of the entry of highest test accuracy (the earliest on a tie).
  static func bestIndex(_ entries: [Entry]) -> Int? {
    entries.indices.reduce(nil) { best, i in
      best.map { entries[i].test.accuracy > entries[$0].test.accuracy ? i : $0 } ?? i
    }
  }

  /// The best entry.
  var best: Entry? { Self.bestIndex(entries).map { entries[$0] } }

  /// Each entry's McNemar test against the best one (nil for the best itself).
  static func tests(_ entries: [Entry]) -> [McNemarTest?] {
    guard let bestIndex = bestIndex(entries) else { return [] }
    return entries.indices.map { i in
      i == bestIndex
        ? nil : McNemarTest(firstCorrect: entries[bestIndex].correct, secondCorrect: entries[i].correct)
    }
  }

  /// The report text.
  public func markdown(chartStem stem: String) -> String {
    var out = "# IMDB sentiment: models compared\n\nProduced by:\n\n```sh\n\(command)\n```\n\n"
    out += "Machine: \(machine).\n\n" + setupLines.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
    out += Self.table(entries) + "\n" + significance() + "\n"
    out += "ECE: expected calibration error of p(pos) in ten equal bins (0 is perfectly calibrated).\n\n"
    out += seedTable()
    out += "![Accuracy per epoch](\(stem)-accuracy.svg)\n\n![Loss per epoch](\(stem)-loss.svg)\n\n"
    out += "![Reliability diagram](\(stem)-reliability.svg)\n"
    return out
  }

  /// The table of `entries`: accuracy with its Wilson interval, McNemar p against the best,
  /// F1, ROC AUC, ECE, size and speed.
  public static func table(_ entries: [Entry]) -> String {
    let tests = Self.tests(entries)
    var table = MarkdownTable(
      ["model", "test accuracy (95% CI)", "McNemar p vs best", "F1 (pos)", "ROC AUC", "ECE", "parameters", "seconds / epoch", "tokens/s", "epochs"],
      numeric: Set(1..<10))
    for (e, test) in zip(entries, tests) {
      let seconds = e.history.map(\.seconds).reduce(0, +) / Double(max(e.history.count, 1))
      let tokens = e.history.map(\.tokensPerSecond).reduce(0, +) / Double(max(e.history.count, 1))
      table.append([
        e.name, e.test.count > 0 ? e.test.interval.description : "–",
        test.map { $0.pValue < 1e-4 ? "< 0.0001" : String(format: "%.4f", $0.pValue) } ?? "best",
        String(format: "%.4f", e.test.classes[1].f1),
        String(format: "%.4f", e.test.rocAUC), String(format: "%.4f", e.test.calibration.expectedError),
        TrainingReport.grouped(e.parameterCount),
        e.history.isEmpty ? e.fitSeconds.map { String(format: "%.1f (fit)", $0) } ?? "–" : String(format: "%.1f", seconds),
        e.history.isEmpty ? "–" : TrainingReport.grouped(Int(tokens)), e.history.isEmpty ? "–" : "\(e.history.count)",
      ])
    }
    return table.markdown
  }

  /// In words: which of `entries` differ significantly (two-sided exact McNemar, p < 0.05)
  /// from the most accurate of them, and which do not; `group` names them ("models").
  static func significance(_ entries: [Entry], group: String = "model") -> String {
    guard let bestIndex = bestIndex(entries), entries.count > 1 else { return "" }
    let best = entries[bestIndex].name
    var worse: [String] = []
    var level: [String] = []
    for (e, test) in zip(entries, tests(entries)) {
      guard let test else { continue }
      let text = "\(e.name) (\(formatted(p: test.pValue)))"
      if test.isSignificant() { worse.append(text) } else { level.append(text) }
    }
    var out = "Each \(group) is tested against \(best), the most accurate, on the same \(entries[bestIndex].test.count) test reviews "
      + "(exact two-sided McNemar test on the reviews exactly one of the two gets right; significant: p < 0.05). "
    if !worse.isEmpty { out += "Significantly less accurate than \(best): \(worse.joined(separator: ", ")). " }
    out += level.isEmpty
      ? "No other \(group) is as accurate as \(best) within the noise.\n"
      : "Not significantly different from \(best), so their ranking against it may be noise: \(level.joined(separator: ", ")).\n"
    return out
  }

  /// The significance sentences: over every entry, and when the best is a linear model, again
  /// over the recurrent ones alone (whose ranking among themselves is the question there).
  func significance() -> String {
    var out = Self.significance(entries)
    let recurrent = entries.filter { !$0.history.isEmpty }
    if let best, best.history.isEmpty, recurrent.count > 1 {
      out += "\n" + Self.significance(recurrent, group: "recurrent model")
    }
    return out
  }

  /// "## Over N seeds": mean ± sample standard deviation, lowest and highest test accuracy of
  /// each model, or nothing for one seed.
  func seedTable() -> String {
    guard let runs = repeats.first?.accuracies.count, runs > 1 else { return "" }
    var table = MarkdownTable(["model", "test accuracy, mean ± sd", "lowest", "highest"], numeric: [1, 2, 3])
    for (name, accuracies) in repeats {
      let mean = accuracies.reduce(0, +) / Double(accuracies.count)
      // s = √(Σ (a − ā)² / (N − 1)), the sample standard deviation.
      let sd = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(accuracies.count - 1)).squareRoot()
      table.append([
        name, String(format: "%.2f%% ± %.2f", 100 * mean, 100 * sd),
        String(format: "%.2f%%", 100 * (accuracies.min() ?? 0)), String(format: "%.2f%%", 100 * (accuracies.max() ?? 0)),
      ])
    }
    return "## Over \(runs) seeds\n\nThe same reviews; each model trained with \(runs) consecutive seeds (initial weights, batch order, validation split).\n\n" + table.markdown + "\n"
  }

  /// A p-value as "p = 0.0312", or "p < 0.0001".
  static func formatted(p: Double) -> String {
    p < 1e-4 ? "p < 0.0001" : String(format: "p = %.4f", p)
  }
}
