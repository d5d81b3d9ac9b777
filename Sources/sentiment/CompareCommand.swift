import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment compare`: trains several architectures on the same data with the same budget and
/// writes one side-by-side report.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Train several architectures on the same IMDB data and budget; report them side by side.")

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

  func validate() throws {
    for name in modelNames where !Self.presets.contains(where: { $0.name == name }) {
      throw ValidationError("unknown model '\(name)'; choose from \(Self.presets.map(\.name).joined(separator: ", "))")
    }
    if modelNames.isEmpty { throw ValidationError("--models names no model") }
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

  func run() throws {
    let path = try archive.resolve()
    let job = Job()
    let text = try training.textConfig()
    let data = try TrainingData(
      archive: path, text: text, vocabulary: nil, limit: training.limit, seed: training.seed, job: job)
    let trainingConfig = try training.trainingConfig(updatesPerEpoch: training.updatesPerEpoch(data.train.count))
    var entries = [ComparisonReport.Entry]()
    for name in modelNames {
      let model = modelConfig(name, vocabularySize: data.vocabulary.count)
      let session = TrainingSession(
        config: ModelFolderConfig(model: model, text: text, training: trainingConfig), data: data,
        folder: URL(fileURLWithPath: modelsDir).appendingPathComponent(name))
      let outcome = try session.run(job: job, command: TrainCommand.commandLine())
      entries.append(ComparisonReport.Entry(
        name: model.displayName, parameterCount: session.model.parameterCount,
        history: outcome.state.history, test: outcome.metrics))
    }
    let setup = data.summary + [
      "Budget for every model: \(trainingConfig.epochs) epochs (early stopping patience \(trainingConfig.patience.map(String.init) ?? "off")), batch \(trainingConfig.batchSize), \(trainingConfig.optimizer.rawValue) at \(trainingConfig.learningRate), seed \(trainingConfig.seed)",
      "Every model: embedding \(embedding), \(hidden) hidden units per direction, readout of the final state",
    ]
    try ComparisonReport(
      command: TrainCommand.commandLine(), setupLines: setup, entries: entries,
      machine: Machine.current().summary
    ).write(to: URL(fileURLWithPath: report))
    FileHandle.standardError.write(Data("report in \(report)\n".utf8))
  }
}
