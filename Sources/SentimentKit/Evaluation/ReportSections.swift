import Foundation

/// The parts every model report shares, whatever the model kind: the test-set figures with
/// their charts, the stage timings and the most confidently wrong reviews.
public enum ReportSections {
  /// The headline: accuracy with its 95% Wilson interval, macro-F1, ROC AUC (of p(pos) for two
  /// classes, else the one-vs-rest macro mean), log-loss, and for two classes F1 (pos) and the
  /// expected calibration error.
  public static func headline(_ test: TestFigures) -> String {
    let interval = test.count > 0 ? test.classes.interval.description : "–"
    guard let binary = test.binary else {
      return String(
        format: "**Test accuracy %@** on %d reviews, %d classes (Wilson interval) · macro-F1 %.4f · ROC AUC %.4f (one-vs-rest, macro) · log-loss %.4f\n\n",
        interval, test.count, test.classNames.count, test.classes.macroF1, test.rocAUC, test.logLoss)
    }
    return String(
      format: "**Test accuracy %@** on %d reviews (Wilson interval) · F1 (pos) %.4f · macro-F1 %.4f · ROC AUC %.4f · log-loss %.4f · ECE %.4f (10 bins)\n\n",
      interval, test.count, binary.classes[1].f1, test.classes.macroF1, binary.rocAUC, binary.logLoss,
      binary.calibration.expectedError)
  }

  /// The charts of `test`, as (file name, SVG) pairs named from `stem`: the confusion matrix,
  /// and for two classes the ROC curve and the reliability diagram.
  public static func testCharts(_ test: TestFigures, stem: String) -> [(String, String)] {
    let confusion = ConfusionMatrixChart(counts: test.classes.confusion, classNames: test.classNames)
    guard let binary = test.binary else { return [("\(stem)-confusion.svg", confusion.svg())] }
    return [
      ("\(stem)-confusion.svg", confusion.svg()),
      ("\(stem)-roc.svg", rocChart(binary).svg(width: 520, height: 400)),
      ("\(stem)-reliability.svg", binary.calibration.chart.svg(width: 520, height: 400)),
    ]
  }

  /// "## Test set": per-class scores (with one-vs-rest AUC for more than two classes), the
  /// confusion matrix, links to the charts.
  public static func testSet(_ test: TestFigures, stem: String) -> String {
    var out = "## Test set\n\n"
    let many = test.binary == nil
    var classes = MarkdownTable(
      ["class", "precision", "recall", "F1", "support"] + (many ? ["AUC (one-vs-rest)"] : []),
      numeric: Set(1...(many ? 5 : 4)))
    for (k, (name, c)) in zip(test.classNames, test.classes.classes).enumerated() {
      classes.append(
        [name, String(format: "%.4f", c.precision), String(format: "%.4f", c.recall), String(format: "%.4f", c.f1), "\(c.support)"]
          + (many ? [String(format: "%.4f", test.classes.oneVsRestAUC[k])] : []))
    }
    out += classes.markdown + "\n"
    out += String(format: "Macro-F1 %.4f.\n\n", test.classes.macroF1)
    var confusion = MarkdownTable(
      ["actual \\ predicted"] + test.classNames, numeric: Set(1...test.classNames.count))
    for (name, row) in zip(test.classNames, test.classes.confusion) {
      confusion.append([name] + row.map { "\($0)" })
    }
    out += confusion.markdown + "\n"
    out += "![Confusion matrix](\(stem)-confusion.svg)"
    out += many ? "\n\n" : " ![ROC curve](\(stem)-roc.svg) ![Reliability diagram](\(stem)-reliability.svg)\n\n"
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
      out += String(format: "- **%@**, labelled %@, predicted %@ with p = %.3f: ", m.source, m.label, m.predicted, m.probability)
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

  /// The `count` reviews the model was most confidently wrong about (binary: pos at
  /// p(pos) ≥ `threshold`), the most probable wrong class first; arrays parallel.
  public static func worstMistakes(
    probabilities: [[Double]], labels: [Int], classNames: [String], sources: [String],
    texts: [String], count: Int = 5, threshold: Double = 0.5
  ) -> [TrainingReport.Mistake] {
    let predicted = probabilities.map { $0.count == 2 ? ($0[1] >= threshold ? 1 : 0) : PredictedClass.of($0) }
    let wrong = probabilities.indices.filter { predicted[$0] != labels[$0] }
    let confidence = { (i: Int) in probabilities[i][predicted[i]] }
    let worst = wrong.sorted { confidence($0) > confidence($1) }.prefix(count)
    return worst.map { i in
      TrainingReport.Mistake(
        source: sources[i], label: classNames[labels[i]], predicted: classNames[predicted[i]],
        probability: confidence(i), text: texts[i])
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
