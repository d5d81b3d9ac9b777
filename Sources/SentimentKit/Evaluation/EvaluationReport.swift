import Foundation

/// The Markdown report of a model of any kind scored on the test split, with its charts
/// (confusion matrix, ROC curve) beside it. Its first line is the command that produced it;
/// then the model's settings as the model kind gives them, any sections of the caller's (how a
/// linear model chose its C), the test figures, the data, the stage timings.
public struct EvaluationReport {
  /// Report title.
  public var title: String
  /// The exact command line.
  public var command: String
  /// The model folder.
  public var modelFolder: String
  /// The model, for its settings and size.
  public var model: any ReviewClassifier
  /// Markdown sections placed after the model's settings.
  public var sections: [String]
  /// Lines describing the data.
  public var dataLines: [String]
  /// The job's stage timings.
  public var stages: [StageRecord]
  /// Test-set figures.
  public var test: TestFigures
  /// The most confidently wrong test reviews.
  public var mistakes: [TrainingReport.Mistake]
  /// CPU model and cores.
  public var machine: String

  /// A report of every part.
  public init(
    title: String, command: String, modelFolder: String, model: any ReviewClassifier,
    sections: [String], dataLines: [String], stages: [StageRecord], test: TestFigures,
    mistakes: [TrainingReport.Mistake], machine: String
  ) {
    self.title = title
    self.command = command
    self.modelFolder = modelFolder
    self.model = model
    self.sections = sections
    self.dataLines = dataLines
    self.stages = stages
    self.test = test
    self.mistakes = mistakes
    self.machine = machine
  }

  /// The report of `model`'s test class `probabilities` for the `test` reviews: the figures (a
  /// binary model's at its decision threshold) and the most confidently wrong reviews.
  public init(
    title: String, command: String, modelFolder: String, model: any ReviewClassifier,
    sections: [String], dataLines: [String], stages: [StageRecord], test: LabelledTexts,
    probabilities: [[Double]], machine: String
  ) {
    self.init(
      title: title, command: command, modelFolder: modelFolder, model: model, sections: sections,
      dataLines: dataLines, stages: stages,
      test: TestFigures(
        probabilities: probabilities, labels: test.labels, classNames: model.labels,
        threshold: model.decisionThreshold),
      mistakes: ReportSections.worstMistakes(
        probabilities: probabilities, labels: test.labels, classNames: model.labels,
        sources: test.sources, texts: test.texts, threshold: model.decisionThreshold),
      machine: machine)
  }

  /// Writes the report to `url` and its charts beside it, each atomically, the report last.
  public func write(to url: URL) throws {
    let stem = url.deletingPathExtension().lastPathComponent
    try ReportSections.write(
      ReportSections.testCharts(test, stem: stem) + [(url.lastPathComponent, markdown(chartStem: stem))],
      in: url.deletingLastPathComponent())
  }

  /// The report text; charts are linked by their file names.
  public func markdown(chartStem stem: String) -> String {
    var out = "`\(command)`\n\n# \(title)\n\n"
    out += ReportSections.headline(test)
    out += "Machine: \(machine). Model folder: `\(modelFolder)`.\n\n"
    out += "## Model\n\n"
    var settings = MarkdownTable(["setting", "value"])
    settings.append(["kind", model.kind.rawValue])
    for (setting, value) in model.settings { settings.append([setting, value]) }
    settings.append(["trained parameters", TrainingReport.grouped(model.parameterCount)])
    out += settings.markdown + "\n"
    out += sections.joined()
    out += ReportSections.testSet(test, stem: stem)
    out += "## Data\n\n" + dataLines.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
    out += ReportSections.stages(stages)
    out += ReportSections.mistakes(mistakes)
    return out
  }
}
