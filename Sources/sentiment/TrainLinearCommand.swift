import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment train-linear`: fits an NBSVM or TF-IDF logistic-regression model on the IMDB
/// train split with liblinear, choosing C on the seeded validation split, evaluates it on the
/// test split, saves the model folder and writes a report.
struct TrainLinearCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train-linear",
    abstract: "Fit a linear n-gram model (NBSVM or TF-IDF) with liblinear; evaluate; report.",
    discussion: """
      Features: n-grams of 1 to --max-order words found in at least --min-count training \
      reviews, with the recurrent models' tokenizer. NBSVM (Wang & Manning 2012) scales binary \
      features by the log-count ratio; TF-IDF uses sublinear tf × smoothed idf, L2-normalised. \
      C is chosen from --c on the recurrent trainer's seeded validation split (--validation of \
      the train reviews); the model is then refitted on all of train. A temperature and a \
      decision threshold are fitted on the chosen C's validation decision values and saved with \
      the model (classify uses the threshold unless --threshold is given). The test split is \
      read only for the final evaluation.
      """)

  @OptionGroup var corpus: CorpusOptions

  @Option(help: "Feature weighting.")
  var weighting: FeatureWeighting = .nbsvm
  @Option(help: "liblinear solver, primal: logistic-regression (-s 0) or svm (squared hinge, -s 2).")
  var solver: LiblinearSolver = .logisticRegression
  @Option(help: "Longest n-gram in words (1 to 3).")
  var maxOrder = 3
  @Option(help: "Training reviews an n-gram must occur in to be a feature.")
  var minCount = 2
  @Option(help: "NBSVM's smoothing of the log-count ratio.")
  var alpha = 1.0
  @Option(
    help: ArgumentHelp(
      "Comma-separated regularisation constants to choose from. Default: 0.1,0.3,1,3 for nbsvm, 10,30,100,300 for tfidf.",
      valueName: "list"))
  var c: String?
  @Option(help: "Share of the train reviews held out to choose C.")
  var validation = 0.1
  @Option(help: "Seeds the validation split (the recurrent trainer's --seed picks the same reviews).")
  var seed: UInt64 = 42
  @Option(help: "At most this many reviews of each split, balanced by label, for quick runs.")
  var limit: Int?
  @Option(help: "Model folder. Default: Data/models/imdb-NAME (NAME: nbsvm, tfidf, …).")
  var modelDir: String?
  @Option(help: "Report file. Default: Reports/imdb-NAME.md.")
  var report: String?

  func validate() throws {
    if let problem = try linearConfig().problem { throw ValidationError(problem) }
    if let limit, limit < 2 { throw ValidationError("--limit must be at least 2") }
  }

  /// The settings the options describe.
  func linearConfig() throws -> LinearConfig {
    var config = LinearConfig()
    config.weighting = weighting
    config.solver = solver
    config.maxOrder = maxOrder
    config.minCount = minCount
    config.alpha = alpha
    config.validationFraction = validation
    config.seed = seed
    config.reviewLimit = limit
    if let c {
      config.constants = try c.split(separator: ",").map { part in
        guard let value = Double(part.trimmingCharacters(in: .whitespaces)) else {
          throw ValidationError("--c: '\(part)' is not a number")
        }
        return value
      }
    } else {
      config.constants = LinearConfig.defaultConstants(for: weighting)
    }
    return config
  }

  func run() throws {
    let config = try linearConfig()
    let folder = URL(fileURLWithPath: modelDir ?? "Data/models/imdb-\(config.slug)")
    let job = Job()
    let data = try ReviewTexts(
      corpus: try corpus.read(seed: seed, job: job), tokenizer: config.tokenizer, limit: limit,
      seed: seed, job: job)
    try data.requireBinary("train-linear")
    let fit = try job.run(LinearTrainer(config: config), data.train)
    let model = fit.model
    try job.run(Step("save model folder") { (_: Void, _) in try LinearModelFolder(folder).save(model) }, ())
    let probabilities = try job.run(ClassifierEvaluation(model: model, name: "evaluate on test"), data.test)
    var selection = MarkdownTable(["C", "validation accuracy", "validation log-loss", "liblinear seconds"], numeric: [0, 1, 2, 3])
    for candidate in fit.candidates {
      selection.append([
        "\(candidate.c)" + (candidate.c == model.config.chosenC ? " (chosen)" : ""),
        String(format: "%.2f%%", 100 * candidate.validationAccuracy),
        String(format: "%.4f", candidate.validationLogLoss), String(format: "%.1f", candidate.seconds),
      ])
    }
    let section = "## Choosing C\n\nFitted on \(fit.trainCount) train reviews, scored on the \(fit.validationCount) held out (seed \(seed)); the n-gram vocabulary (no labels) comes from all \(data.train.count) train reviews, the log-count ratio or idf of each fit from its own reviews. The chosen C was refitted on all of train.\n\n" + selection.markdown + "\n"
    let url = URL(fileURLWithPath: report ?? "Reports/imdb-\(config.slug).md")
    let written = EvaluationReport(
      title: "IMDB sentiment: \(model.displayName)", command: TrainCommand.commandLine(),
      modelFolder: folder.path, model: model, sections: [section], dataLines: data.summary,
      stages: job.records, test: data.test, probabilities: probabilities,
      machine: Machine.current().summary
    )
    try written.write(to: url)
    let trainSeconds = job.records.first { $0.name == LinearTrainer(config: config).name }?.seconds ?? 0
    FileHandle.standardError.write(Data(String(
      format: "%@: C = %g, train (count, vectorise, choose C, refit) %.1f s; test accuracy %@; model in %@; report in %@\n",
      model.displayName, model.config.chosenC ?? 0, trainSeconds,
      written.test.classes.interval.description,
      folder.path, url.path).utf8))
  }
}

extension FeatureWeighting: ExpressibleByArgument {}
extension LiblinearSolver: ExpressibleByArgument {}
