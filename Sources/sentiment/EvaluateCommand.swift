import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment evaluate`: scores a saved model on the IMDB test split and writes a report.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Evaluate a saved model on the IMDB test split and write a Markdown report.")

  @OptionGroup var archive: ArchiveOption

  @Option(help: "Model folder written by `sentiment train`.")
  var model: String
  @Option(help: "Report file. Default: Reports/evaluate-<model folder name>.md.")
  var report: String?

  func run() throws {
    let path = try archive.resolve()
    let folder = URL(fileURLWithPath: model)
    let loaded = try ModelFolder(folder).load()
    let job = Job()
    let data = try TrainingData(
      archive: path, text: loaded.config.text, vocabulary: loaded.vocabulary,
      limit: loaded.config.training.reviewLimit, seed: loaded.config.training.seed, job: job)
    let probabilities = try job.run(EvaluationStage(model: loaded.model, name: "evaluate on test"), data.test)
    let metrics = BinaryMetrics(probabilities: probabilities, labels: data.test.labels)
    let state = (try? TrainingState.read(from: folder).0) ?? TrainingState()
    let url = URL(fileURLWithPath: report ?? "Reports/evaluate-\(folder.lastPathComponent).md")
    try TrainingReport(
      title: "IMDB sentiment: \(loaded.config.model.displayName), evaluated", command: TrainCommand.commandLine(),
      modelFolder: folder.path, config: loaded.config, parameterCount: loaded.model.parameterCount,
      dataLines: data.summary, stages: job.records, state: state, test: metrics,
      mistakes: TrainingReport.mistakes(probabilities: probabilities, data: data.test, texts: data.testReviews.map(\.text)),
      machine: Machine.current().summary
    ).write(to: url)
    print(String(format: "test accuracy %.2f%% on %d reviews (ROC AUC %.4f, log-loss %.4f); report in %@",
      100 * metrics.accuracy, metrics.count, metrics.rocAUC, metrics.logLoss, url.path))
  }
}
