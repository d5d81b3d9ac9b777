import Foundation
import SentimentKit

/// One training run from data to report: the model, its folder, the data and the trainer, set up
/// fresh or from an interrupted run's folder.
struct TrainingSession {
  let config: ModelFolderConfig
  let model: any SentimentModel
  let data: TrainingData
  let trainer: Trainer
  let folder: URL

  /// A new run on `data`: the model built from `config` (seeded) and a fresh optimizer.
  init(config: ModelFolderConfig, data: TrainingData, folder: URL) {
    var generator = SplitMix64(seed: config.training.seed)
    let built = ModelFactory.make(config.model, using: &generator)
    self.init(config: config, model: built, data: data, state: TrainingState(), folder: folder)
  }

  /// An interrupted run: the model, vocabulary, settings and optimizer state from `folder`.
  init(resumingFrom folder: URL, archive: String, job: Job) throws {
    AtomicFolder.removeLeftovers(of: folder)  // of a run killed mid-checkpoint
    let loaded = try ModelFolder(folder).load()
    let data = try TrainingData(
      archive: archive, text: loaded.config.text, vocabulary: loaded.vocabulary,
      limit: loaded.config.training.reviewLimit,
      seed: loaded.config.training.seed, job: job)
    let step = TrainingStep(model: loaded.model, config: loaded.config.training)
    let state = try TrainingState.load(from: folder, into: step.optimizer.stateTensors)
    guard state.epochsCompleted == loaded.config.epochsCompleted else {
      throw TrainingError.cannotResume(
        "\(folder.path) holds weights of epoch \(loaded.config.epochsCompleted) but a training state of epoch \(state.epochsCompleted); start again without --resume")
    }
    self.init(config: loaded.config, model: loaded.model, data: data, state: state, folder: folder, step: step)
  }

  private init(
    config: ModelFolderConfig, model: any SentimentModel, data: TrainingData, state: TrainingState,
    folder: URL, step: TrainingStep? = nil
  ) {
    self.config = config
    self.model = model
    self.data = data
    self.folder = folder
    trainer = Trainer(
      step: step ?? TrainingStep(model: model, config: config.training),
      maxLength: config.text.maxLength, state: state)
  }

  /// Trains (checkpointing every epoch) and evaluates on the test split.
  func run(job: Job) throws -> (state: TrainingState, probabilities: [Double], metrics: BinaryMetrics) {
    let split = data.train.split(holdingOut: config.training.validationFraction, seed: config.training.seed)
    let start = trainer.state.epochsCompleted
    if start > 0 { log("resuming after epoch \(start) of \(config.training.epochs) from \(folder.path)") }
    log("training \(config.model.displayName): \(model.parameterCount) parameters, \(split.kept.count) train / \(split.heldOut.count) validation reviews")
    let state = try job.run(TrainingStage(trainer: trainer, checkpoint: save), (split.kept, split.heldOut))
    for record in state.history.dropFirst(start) {
      log(String(
        format: "epoch %d: train loss %.4f, accuracy %.2f%%; validation loss %@, accuracy %@; %.0f s, %.0f tokens/s",
        record.epoch, record.trainLoss, 100 * record.trainAccuracy,
        record.validationLoss.map { String(format: "%.4f", $0) } ?? "–",
        record.validationAccuracy.map { String(format: "%.2f%%", 100 * $0) } ?? "–",
        record.seconds, record.tokensPerSecond))
    }
    let probabilities = try job.run(
      EvaluationStage(model: model, name: "evaluate \(config.model.displayName) on test"), data.test)
    let metrics = BinaryMetrics(probabilities: probabilities, labels: data.test.labels)
    log(String(format: "test accuracy %.2f%% on %d reviews (ROC AUC %.4f)", 100 * metrics.accuracy, metrics.count, metrics.rocAUC))
    return (state, probabilities, metrics)
  }

  /// The run's Markdown report, written to `url` with its charts.
  func writeReport(
    to url: URL, job: Job, command: String, state: TrainingState, probabilities: [Double],
    metrics: BinaryMetrics
  ) throws {
    let report = TrainingReport(
      title: "IMDB sentiment: \(config.model.displayName)", command: command,
      modelFolder: folder.path, config: config, parameterCount: model.parameterCount,
      dataLines: data.summary, stages: job.records, state: state, test: metrics,
      mistakes: TrainingReport.mistakes(
        probabilities: probabilities, data: data.test, texts: data.testReviews.map(\.text)),
      machine: Machine.current().summary)
    try report.write(to: url)
    log("model in \(folder.path); report in \(url.path)")
  }

  /// Saves the optimizer state and the model folder (config.json naming the epoch) as one step:
  /// a kill leaves the previous checkpoint or this one, which `--resume` reads either way.
  private func save(_ state: TrainingState) throws {
    try AtomicFolder.replace(folder) { staging in
      try state.save(optimizerTensors: trainer.step.optimizer.stateTensors, in: staging)
      var saved = config
      saved.epochsCompleted = state.epochsCompleted
      try ModelFolder(staging).save(model: model, vocabulary: data.vocabulary, config: saved)
    }
  }

  private func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
