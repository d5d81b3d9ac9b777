import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment evaluate`: scores a saved model of any kind on the IMDB test split and writes a
/// report.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Evaluate a saved model (any kind) on a labelled test set (IMDB's by default) and write a Markdown report.")

  @OptionGroup var corpus: CorpusOptions

  @Option(help: "Model folder written by `sentiment train` or `sentiment train-linear`.")
  var model: String
  @Option(help: "Report file. Default: Reports/evaluate-<model folder name>.md.")
  var report: String?

  func run() throws {
    let folder = URL(fileURLWithPath: model)
    let loaded = try ModelKind.load(folder)
    let job = Job()
    let data = try ReviewTexts(
      corpus: try corpus.read(seed: loaded.sample.seed, job: job), tokenizer: loaded.tokenizer,
      limit: loaded.sample.limit, seed: loaded.sample.seed, job: job)
    guard data.labels == loaded.labels else {
      throw CommandFailure(
        "the data's classes (\(data.labels.joined(separator: ", "))) are not the model's (\(loaded.labels.joined(separator: ", "))); give --labels \(loaded.labels.joined(separator: ",")) if the data uses the same names")
    }
    let probabilities = try job.run(ClassifierEvaluation(model: loaded, name: "evaluate on test"), data.test)
    let url = URL(fileURLWithPath: report ?? "Reports/evaluate-\(folder.lastPathComponent).md")
    let written = EvaluationReport(
      title: "\(loaded.displayName), evaluated", command: TrainCommand.commandLine(),
      modelFolder: folder.path, model: loaded, sections: [], dataLines: data.summary,
      stages: job.records, test: data.test, probabilities: probabilities,
      machine: Machine.current().summary
    )
    try written.write(to: url)
    print(String(format: "test accuracy %.2f%% on %d reviews (ROC AUC %.4f, log-loss %.4f); report in %@",
      100 * written.test.accuracy, written.test.count, written.test.rocAUC, written.test.logLoss, url.path))
  }
}
