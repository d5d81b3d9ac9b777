import Foundation

/// The parts every model report shares, whatever the model kind: the test-set figures with
/// their charts, the stage timings and the most confidently wrong reviews.
public enum ReportSections {
  /// The headline: accuracy with its 95% Wilson interval, F1, ROC AUC, log-loss, and the
  /// expected calibration error when the probabilities are given.
  public static func headline(_ test: BinaryMetrics, calibration: Calibration?) -> String {
    let interval = test.count > 0 ? test.interval.description : "–"
    return String(
      format: "**Test accuracy %@** on %d reviews (Wilson interval) · F1 (pos) %.4f · ROC AUC %.4f · log-loss %.4f%@\n\n",
      interval, test.count, test.classes[1].f1, test.rocAUC, test.logLoss,
      calibration.map { String(format: " · ECE %.4f (10 bins)", $0.expectedError) } ?? "")
  }

  /// The charts of `test`, as (file name, SVG) pairs named from `stem`: confusion matrix, ROC
  /// curve and, when given, the reliability diagram.
  public static func testCharts(_ test: BinaryMetrics, calibration: Calibration?, stem: String) -> [(String, String)] {
    [
      ("\(stem)-confusion.svg", ConfusionMatrixChart(counts: test.confusion).svg()),
      ("\(stem)-roc.svg", rocChart(test).svg(width: 520, height: 400)),
    ] + (calibration.map { [("\(stem)-reliability.svg", $0.chart.svg(width: 520, height: 400))] } ?? [])
  }

  /// "## Test set": per-class scores, the confusion matrix, links to the charts.
  public static func testSet(_ test: BinaryMetrics, calibration: Calibration?, stem: String) -> String {
    var out = "## Test set\n\n"
    var classes = MarkdownTable(["class", "precision", "recall", "F1", "support"], numeric: [1, 2, 3, 4])
    for (name, c) in zip(["neg", "pos"], test.classes) {
      classes.append([name, String(format: "%.4f", c.precision), String(format: "%.4f", c.recall), String(format: "%.4f", c.f1), "\(c.support)"])
    }
    out += classes.markdown + "\n"
    var confusion = MarkdownTable(["actual \\ predicted", "neg", "pos"], numeric: [1, 2])
    confusion.append(["neg", "\(test.confusion[0][0])", "\(test.confusion[0][1])"])
    confusion.append(["pos", "\(test.confusion[1][0])", "\(test.confusion[1][1])"])
    out += confusion.markdown + "\n"
    out += "![Confusion matrix](\(stem)-confusion.svg) ![ROC curve](\(stem)-roc.svg)"
    out += calibration == nil ? "\n\n" : " ![Reliability diagram](\(stem)-reliability.svg)\n\n"
    return out
  }

  /// "## Stages": each stage's seconds and items, nested stages indented.
  public static func stages(_ stages: [StageRecord]) -> String {
    var table = MarkdownTable(["stage", "seconds", "items"], numeric: [1, 2])
    for s in stages {
      table.append([String(repeating: "· ", count: s.depth) + s.name, String(format: "%.1f", s.seconds), s.items.map(TrainingReport.grouped) ?? ""])
    }
    return "## Stages\n\n" + table.markdown + "\n"
  }

  /// "## Most confidently wrong test reviews", or nothing when there are none.
  public static func mistakes(_ mistakes: [TrainingReport.Mistake]) -> String {
    guard !mistakes.isEmpty else { return "" }
    var out = "## Most confidently wrong test reviews\n\n"
    for m in mistakes {
      let confidence = m.label == "pos" ? 1 - m.probability : m.probability
      out += String(format: "- **%@**, labelled %@, predicted %@ with p = %.3f: ", m.source, m.label, m.label == "pos" ? "neg" : "pos", confidence)
      out += "“\(TrainingReport.shortened(m.text))”\n"
    }
    return out + "\n"
  }

  /// The ROC curve of `test` with the diagonal.
  static func rocChart(_ test: BinaryMetrics) -> LineChart {
    var chart = LineChart(
      title: String(format: "ROC curve (AUC %.4f)", test.rocAUC), xLabel: "false-positive rate",
      yLabel: "true-positive rate",
      series: [LineChart.Series(name: "model", points: test.roc.map { ($0[0], $0[1]) }, colorIndex: 0)])
    chart.xRange = 0...1
    chart.yRange = 0...1
    chart.diagonal = true
    return chart
  }

  /// The `count` reviews the model was most confidently wrong about at `threshold`; arrays
  /// parallel.
  public static func worstMistakes(
    probabilities: [Double], labels: [Int], sources: [String], texts: [String], count: Int = 5,
    threshold: Double = 0.5
  ) -> [TrainingReport.Mistake] {
    let wrong = probabilities.indices.filter { (probabilities[$0] >= threshold ? 1 : 0) != labels[$0] }
    let worst = wrong.sorted { abs(probabilities[$0] - threshold) > abs(probabilities[$1] - threshold) }.prefix(count)
    return worst.map { i in
      TrainingReport.Mistake(
        source: sources[i], label: labels[i] == 1 ? "pos" : "neg", probability: probabilities[i],
        text: texts[i])
    }
  }

  /// Writes `files` (name, text) into `folder` atomically, creating it if needed.
  public static func write(_ files: [(String, String)], in folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
    }
  }
}
