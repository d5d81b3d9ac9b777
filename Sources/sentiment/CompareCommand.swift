import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment compare`: trains several architectures on the same data with the same budget and
/// writes one side-by-side report.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Train several architectures and the linear baselines on the same IMDB data; report them side by side with significance tests.")

  /// The architectures `--models` can name.
  static let presets: [(name: String, configure: (inout ModelConfig) -> Void)] = [
    ("elman", { $0.cell = .elman; $0.bidirectional = false }),
    ("jordan", { $0.cell = .jordan; $0.bidirectional = false }),
    ("lstm", { $0.cell = .lstm; $0.bidirectional = false }),
    ("lstm-peephole", { $0.cell = .lstm; $0.peephole = true; $0.bidirectional = false }),
    ("lstm-coupled", { $0.cell = .lstm; $0.coupledGates = true; $0.bidirectional = false }),
    ("gru", { $0.cell = .gru; $0.bidirectional = false }),
    ("gru-reset-before", { $0.cell = .gru; $0.gruVariant = .resetBefore; $0.bidirectional = false }),
    ("elman-relu", { $0.cell = .elman; $0.activation = .relu; $0.bidirectional = false }),
    ("bilstm", { $0.cell = .lstm; $0.bidirectional = true }),
    ("bigru", { $0.cell = .gru; $0.bidirectional = true }),
  ]
  static let defaultModels = "elman,jordan,lstm,lstm-peephole,lstm-coupled,gru,bilstm,bigru"

  @OptionGroup var archive: ArchiveOption
  @OptionGroup var training: TrainingOptions

  @Option(help: "Comma-separated architectures: \(presets.map(\.name).joined(separator: ", ")).")
  var models = defaultModels
  @Option(help: "Hidden units per direction, for every model.")
  var hidden = 64
  @Option(help: "Embedding width, for every model.")
  var embedding = 128
  @Option(help: "Report file.")
  var report = "Reports/comparison.md"
  @Option(help: "Folder that receives one model folder per architecture.")
  var modelsDir = "Data/models/compare"
  @Option(
    help: ArgumentHelp(
      "Comma-separated linear baselines fitted on the same reviews (nbsvm, tfidf), or none.",
      valueName: "list"))
  var linear = "nbsvm"
  @Option(
    help: "Train every model with this many seeds (--seed, --seed + 1, …): the main table is the first seed's; a second gives the mean ± sd of test accuracy over all.")
  var seeds = 1

  func validate() throws {
    for name in modelNames where !Self.presets.contains(where: { $0.name == name }) {
      throw ValidationError("unknown model '\(name)'; choose from \(Self.presets.map(\.name).joined(separator: ", "))")
    }
    if modelNames.isEmpty { throw ValidationError("--models names no model") }
    _ = try linearWeightings()
    if seeds < 1 { throw ValidationError("--seeds must be at least 1") }
    if hidden < 1 || embedding < 1 { throw ValidationError("--hidden and --embedding must be positive") }
    _ = try training.textConfig()
    _ = try training.trainingConfig(updatesPerEpoch: 1)
    for name in modelNames {
      if let problem = modelConfig(name, vocabularySize: training.vocabSize + 2).problem {
        throw ValidationError("\(name): \(problem)")
      }
    }
  }

  /// The preset `name` at this run's sizes.
  private func modelConfig(_ name: String, vocabularySize: Int) -> ModelConfig {
    var model = ModelConfig()
    model.hiddenSize = hidden
    model.embeddingSize = embedding
    model.vocabularySize = vocabularySize
    Self.presets.first { $0.name == name }!.configure(&model)
    return model
  }

  private var modelNames: [String] {
    models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The linear baselines `--linear` names.
  private func linearWeightings() throws -> [FeatureWeighting] {
    guard linear != "none" else { return [] }
    return try linear.split(separator: ",").map { name in
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      guard let weighting = FeatureWeighting(rawValue: trimmed) else {
        throw ValidationError("--linear: unknown baseline '\(trimmed)'; choose from nbsvm, tfidf, none")
      }
      return weighting
    }
  }

  func run() throws {
    let path = try archive.resolve()
    let job = Job()
    let text = try training.textConfig()
    let corpus = try LabelledCorpus(
      data: IMDBSource(path: path), testData: nil, labels: nil, heldOutFraction: 0.2,
      seed: training.seed, job: job)
    let data = try TrainingData(
      corpus: corpus, text: text, vocabulary: nil, limit: training.limit, seed: training.seed, job: job)
    let trainingConfig = try training.trainingConfig(updatesPerEpoch: training.updatesPerEpoch(data.train.count))
    var entries = [ComparisonReport.Entry]()
    var repeats = [(name: String, accuracies: [Double])]()
    for k in 0..<seeds {
      var seeded = trainingConfig
      seeded.seed = training.seed &+ UInt64(k)
      let suffix = k == 0 ? "" : "-seed\(seeded.seed)"
      let run = try recurrentEntries(data: data, text: text, training: seeded, folderSuffix: suffix, job: job)
        + linearEntries(corpus: corpus, data: data, validation: seeded.validationFraction, seed: seeded.seed, folderSuffix: suffix, job: job)
      if k == 0 { entries = run }
      for (index, entry) in run.enumerated() {
        if k == 0 { repeats.append((entry.name, [])) }
        repeats[index].accuracies.append(entry.test.accuracy)
      }
    }
    let setup = data.summary + [
      "Budget for every model: \(trainingConfig.epochs) epochs (early stopping patience \(trainingConfig.patience.map(String.init) ?? "off")), batch \(trainingConfig.batchSize), \(trainingConfig.optimizer.rawValue) at \(trainingConfig.learningRate), seed \(trainingConfig.seed)" + (seeds > 1 ? " (the table; \(seeds) seeds below)" : ""),
      "Every recurrent model: embedding \(embedding), \(hidden) hidden units per direction, readout of the final state",
    ] + (linear == "none" ? [] : [
      "Linear baselines (\(linear)): n-grams of 1–3 words in ≥ 2 training reviews, liblinear, C chosen on the same validation split",
    ])
    var comparison = ComparisonReport(
      command: TrainCommand.commandLine(), setupLines: setup, entries: entries,
      machine: Machine.current().summary)
    comparison.repeats = seeds > 1 ? repeats : []
    try comparison.write(to: URL(fileURLWithPath: report))
    FileHandle.standardError.write(Data("report in \(report)\n".utf8))
  }

  /// Each `--models` architecture trained on `data` with `training` (its seed included).
  private func recurrentEntries(
    data: TrainingData, text: TextConfig, training: TrainingConfig, folderSuffix: String, job: Job
  ) throws -> [ComparisonReport.Entry] {
    try modelNames.map { name in
      let model = modelConfig(name, vocabularySize: data.vocabulary.count)
      let session = TrainingSession(
        config: ModelFolderConfig(model: model, text: text, training: training), data: data,
        folder: URL(fileURLWithPath: modelsDir).appendingPathComponent(name + folderSuffix),
        communicator: nil)
      let outcome = try session.run(job: job, command: TrainCommand.commandLine())
      return ComparisonReport.Entry(
        name: model.displayName, parameterCount: session.model.parameterCount,
        history: outcome.state.history, probabilities: outcome.probabilities.map { $0[1] }, labels: data.test.labels)
    }
  }

  /// Each `--linear` baseline fitted on the same train reviews (the same validation split
  /// choosing its C) and scored on the same test reviews, in the same order.
  private func linearEntries(
    corpus: LabelledCorpus, data: TrainingData, validation: Double, seed: UInt64, folderSuffix: String, job: Job
  ) throws
    -> [ComparisonReport.Entry]
  {
    let weightings = try linearWeightings()
    guard !weightings.isEmpty else { return [] }
    let texts = try ReviewTexts(
      corpus: corpus, tokenizer: try training.textConfig().tokenizer, limit: training.limit,
      seed: training.seed, job: job)
    guard texts.test.sources == data.test.sources, texts.train.sources == data.train.sources else {
      throw CommandFailure("the linear baselines' reviews differ from the recurrent models' (a review with tokens only outside the vocabulary?); run compare with --linear none")
    }
    return try weightings.map { weighting in
      var config = LinearConfig()
      config.weighting = weighting
      config.constants = LinearConfig.defaultConstants(for: weighting)
      config.lowercases = try training.textConfig().lowercases
      config.validationFraction = validation
      config.seed = seed
      config.reviewLimit = training.limit
      let trainer = LinearTrainer(config: config)
      let stopwatch = Stopwatch()
      let fit = try job.run(trainer, texts.train)
      let seconds = stopwatch.seconds
      try LinearModelFolder(URL(fileURLWithPath: modelsDir).appendingPathComponent(config.slug + folderSuffix)).save(fit.model)
      let probabilities = try job.run(
        ClassifierEvaluation(model: fit.model, name: "evaluate \(fit.model.displayName) on test"), texts.test)
      return ComparisonReport.Entry(
        name: fit.model.displayName, parameterCount: fit.model.parameterCount, history: [],
        probabilities: probabilities.map { $0[1] }, labels: texts.test.labels,
        threshold: fit.model.decisionThreshold, fitSeconds: seconds)
    }
  }
}
