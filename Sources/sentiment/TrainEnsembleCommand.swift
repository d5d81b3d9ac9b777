import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment train-ensemble`: combines two to eight saved models (of any kinds, trained on the
/// same sample) by a weighted mean of log-probabilities, the weights fitted on the held-out
/// validation reviews; evaluates the ensemble and its members on the test split; saves the ensemble folder
/// and writes a report.
struct TrainEnsembleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train-ensemble",
    abstract: "Combine saved models; fit their weights on validation; evaluate; report.",
    discussion: """
      The weights are fitted on the validation reviews the recurrent trainer held out (the same \
      seeded split). A member whose saved fit used those reviews (a linear model is refitted on \
      all of train) is refitted without them, with its own settings, for the weight fit only; \
      the ensemble folder names the saved members.
      """)

  @OptionGroup var corpus: CorpusOptions

  @Option(help: ArgumentHelp("Two to eight model folders, comma-separated.", valueName: "dirs"))
  var members: String
  @Option(help: "Ensemble folder (holds only config.json, naming the members).")
  var modelDir = "Data/models/imdb-ensemble"
  @Option(help: "Report file.")
  var report = "Reports/imdb-ensemble.md"

  /// The most members an ensemble takes: its weight grid (`EnsembleWeights`) stays within 20,000
  /// points, at a step of 0.1 for eight.
  static let maximumMembers = 8

  private var memberPaths: [String] {
    members.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  func validate() throws {
    guard (2...Self.maximumMembers).contains(memberPaths.count) else {
      throw ValidationError(
        "--members must name two to \(Self.maximumMembers) model folders, not \(memberPaths.count)")
    }
    if let repeated = Dictionary(grouping: memberPaths, by: { URL(fileURLWithPath: $0).standardizedFileURL.path })
      .first(where: { $0.value.count > 1 })
    {
      throw ValidationError("--members names \(repeated.value[0]) more than once")
    }
  }

  func run() throws {
    let folders = memberPaths.map { URL(fileURLWithPath: $0) }
    let job = Job()
    let models = try folders.map(ModelKind.load)
    for (path, model) in zip(memberPaths, models).dropFirst() where model.sample != models[0].sample {
      throw CommandFailure(
        "\(memberPaths[0]) and \(path) were trained on different samples or validation splits "
          + "(\(models[0].sample) vs \(model.sample)); an ensemble's weights need reviews no member has seen")
    }
    let sample = models[0].sample
    let data = try ReviewTexts(
      corpus: try corpus.read(seed: sample.seed, job: job), tokenizer: models[0].tokenizer,
      limit: sample.limit, seed: sample.seed, job: job)
    try data.requireBinary("train-ensemble")
    let (kept, heldOut) = LabelledSequences.splitIndices(
      count: data.train.count, holdingOut: sample.validationFraction, seed: sample.seed)
    let validation = data.train.subset(heldOut)
    let held = try models.enumerated().map { index, model in
      let twin = try model.heldOutTwin(train: data.train, kept: kept, job: job)
      return try job.run(ClassifierEvaluation(model: twin, name: "member \(index + 1) on validation"), validation)
        .map { $0[1] }  // p(pos)
    }
    let fit = EnsembleWeights(members: held, labels: validation.labels)
    let weights = fit.best.weights
    let combined = EnsembleModel.combine(held, weights: weights).map { $0 ?? 0.5 }
    let threshold = DecisionCalibration.bestThreshold(probabilities: combined, labels: validation.labels)
    // A member of weight 0 changes no probability: the saved ensemble leaves it out, so that
    // classifying does not run it.
    let used = weights.indices.filter { weights[$0] > 0 }
    try EnsembleFolder(URL(fileURLWithPath: modelDir)).save(
      members: used.map { folders[$0] }, weights: used.map { weights[$0] }, fit: fit.best, threshold: threshold)
    let ensemble = try ModelKind.load(URL(fileURLWithPath: modelDir))
    let memberTest = try models.enumerated().map { index, model in
      try job.run(ClassifierEvaluation(model: model, name: "member \(index + 1) on test"), data.test)
    }
    // The saved ensemble's probabilities are its members' combined: from the members' test
    // probabilities above, rather than running every member over the test split again.
    let ensembleTest = EnsembleModel.combine(used.map { memberTest[$0].map { $0[1] } }, weights: used.map { weights[$0] })
      .enumerated().map { index, p -> [Double] in
        guard let p else { preconditionFailure("\(data.test.sources[index]) has no words") }
        return [1 - p, p]
      }
    let names = zip(models, folders).map { model, folder in "\(model.displayName) (`\(folder.lastPathComponent)`)" }
    let evaluated = models + [ensemble]
    let probabilities = memberTest + [ensembleTest]
    let entries = evaluated.indices.map { k in
      ComparisonReport.Entry(
        name: k < names.count ? names[k] : "ensemble", parameterCount: evaluated[k].parameterCount, history: [],
        probabilities: probabilities[k].map { $0[1] }, labels: data.test.labels,
        threshold: evaluated[k].decisionThreshold)
    }
    var sections = [
      "## Members on the test set\n\n" + ComparisonReport.table(entries) + "\n",
      "## Fitting the weights\n\n" + weightSection(fit, names: names, validation: heldOut.count, seed: sample.seed, threshold: threshold),
    ]
    let unused = weights.indices.filter { weights[$0] == 0 }.map { names[$0] }
    if !unused.isEmpty {
      sections.append(
        "Weight 0, so left out of the saved ensemble (it would change no probability): "
          + unused.joined(separator: ", ") + ".\n")
    }
    let written = EvaluationReport(
      title: "IMDB sentiment: ensemble of \(ensemble.displayName)", command: TrainCommand.commandLine(),
      modelFolder: modelDir, model: ensemble, sections: sections, dataLines: data.summary,
      stages: job.records, test: data.test, probabilities: ensembleTest,
      machine: Machine.current().summary
    )
    try written.write(to: URL(fileURLWithPath: report))
    let chosen = zip(weights, models).map { String(format: "%.2f ", $0) + $1.displayName }.joined(separator: ", ")
    FileHandle.standardError.write(Data(
      "ensemble (w = \(chosen)): test accuracy \(written.test.classes.interval.description); report in \(report)\n".utf8))
  }

  /// How the weights were chosen, and the grid: every point for two members, the lowest
  /// log-losses for more (the grid then has hundreds or thousands of points).
  private func weightSection(
    _ fit: EnsembleWeights, names: [String], validation: Int, seed: UInt64, threshold: Double
  ) -> String {
    let shown = 21
    let points = fit.grid.count <= shown
      ? fit.grid : Array(fit.grid.sorted { $0.logLoss < $1.logLoss }.prefix(shown))
    var grid = MarkdownTable(
      names.map { "w: \($0)" } + ["validation log-loss", "validation accuracy"],
      numeric: Set(0..<(names.count + 2)))
    for point in points {
      let chosen = point.weights == fit.best.weights ? " (chosen)" : ""
      grid.append(
        point.weights.map { String(format: "%.2f", $0) }
          + [String(format: "%.4f", point.logLoss) + chosen, String(format: "%.2f%%", 100 * point.accuracy)])
    }
    let scope = fit.grid.count <= shown
      ? "Every point of the grid:"
      : "The \(shown) points of lowest log-loss of the grid's \(fit.grid.count):"
    return """
      On the \(validation) validation reviews (seed \(seed)), held out of every member's fit: the \
      weights of lowest log-loss on the grid of step 1/\(fit.steps) (weights summing to 1), then the \
      decision threshold of best validation accuracy, \(String(format: "%.3f", threshold)). \(scope)

      \(grid.markdown)

      """
  }
}
