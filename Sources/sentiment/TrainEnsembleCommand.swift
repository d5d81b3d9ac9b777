import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment train-ensemble`: combines two saved models (of any kinds, trained on the same
/// sample) by a weighted mean of log-probabilities, the weight fitted on the held-out validation
/// reviews; evaluates the ensemble and its members on the test split; saves the ensemble folder
/// and writes a report.
struct TrainEnsembleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train-ensemble",
    abstract: "Combine two saved models; fit the weight on validation; evaluate; report.",
    discussion: """
      The weight is fitted on the validation reviews the recurrent trainer held out (the same \
      seeded split). A member whose saved fit used those reviews (a linear model is refitted on \
      all of train) is refitted without them, with its own settings, for the weight fit only; \
      the ensemble folder names the saved members.
      """)

  @OptionGroup var corpus: CorpusOptions

  @Option(help: ArgumentHelp("Two model folders, comma-separated: the first gets weight w.", valueName: "dirs"))
  var members: String
  @Option(help: "Ensemble folder (holds only config.json, naming the members).")
  var modelDir = "Data/models/imdb-ensemble"
  @Option(help: "Report file.")
  var report = "Reports/imdb-ensemble.md"

  private var memberPaths: [String] {
    members.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  func validate() throws {
    guard memberPaths.count == 2 else {
      throw ValidationError("--members must name two model folders, not \(memberPaths.count)")
    }
  }

  func run() throws {
    let folders = memberPaths.map { URL(fileURLWithPath: $0) }
    let job = Job()
    let models = try folders.map(ModelKind.load)
    guard models[0].sample == models[1].sample else {
      throw CommandFailure(
        "\(memberPaths[0]) and \(memberPaths[1]) were trained on different samples or validation splits "
          + "(\(models[0].sample) vs \(models[1].sample)); an ensemble's weight needs reviews neither has seen")
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
    let fit = EnsembleWeight(first: held[0], second: held[1], labels: validation.labels)
    let weights = [fit.best.weight, 1 - fit.best.weight]
    let combined = EnsembleModel.combine([held[0], held[1]], weights: weights).map { $0 ?? 0.5 }
    let threshold = DecisionCalibration.bestThreshold(probabilities: combined, labels: validation.labels)
    try EnsembleFolder(URL(fileURLWithPath: modelDir)).save(
      members: folders, weights: weights, fit: fit.best, threshold: threshold)
    let ensemble = try ModelKind.load(URL(fileURLWithPath: modelDir))
    let memberTest = try models.enumerated().map { index, model in
      try job.run(ClassifierEvaluation(model: model, name: "member \(index + 1) on test"), data.test)
    }
    let ensembleTest = try job.run(ClassifierEvaluation(model: ensemble, name: "ensemble on test"), data.test)
    let entries = zip(models + [ensemble], memberTest + [ensembleTest]).map { model, p in
      ComparisonReport.Entry(
        name: model.kind == .ensemble ? "ensemble" : model.displayName,
        parameterCount: model.parameterCount, history: [], probabilities: p.map { $0[1] }, labels: data.test.labels,
        threshold: model.decisionThreshold)
    }
    var grid = MarkdownTable(["w (first member)", "validation log-loss", "validation accuracy"], numeric: [0, 1, 2])
    for point in fit.grid {
      grid.append([
        String(format: "%.2f", point.weight) + (point.weight == fit.best.weight ? " (chosen)" : ""),
        String(format: "%.4f", point.logLoss), String(format: "%.2f%%", 100 * point.accuracy),
      ])
    }
    let sections = [
      "## Members on the test set\n\n" + ComparisonReport.table(entries) + "\n",
      "## Fitting the weight\n\nOn the \(heldOut.count) validation reviews (seed \(sample.seed)), held out of every member's fit; the w of lowest log-loss; then the decision threshold of best validation accuracy, \(String(format: "%.3f", threshold)).\n\n" + grid.markdown + "\n",
    ]
    let written = EvaluationReport(
      title: "IMDB sentiment: ensemble of \(ensemble.displayName)", command: TrainCommand.commandLine(),
      modelFolder: modelDir, model: ensemble, sections: sections, dataLines: data.summary,
      stages: job.records, test: data.test, probabilities: ensembleTest,
      machine: Machine.current().summary
    )
    try written.write(to: URL(fileURLWithPath: report))
    FileHandle.standardError.write(Data(String(
      format: "ensemble (w = %.2f for %@): test accuracy %@; report in %@\n", weights[0], models[0].displayName,
      written.test.classes.interval.description,
      report).utf8))
  }
}
