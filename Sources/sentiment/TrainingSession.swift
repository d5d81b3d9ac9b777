import Foundation
import SentimentKit

/// One training run from data to report: the model, its folder, the data and the trainer, set up
/// fresh or from an interrupted run's folder. Under mpirun every rank runs a session of its own
/// on the same data and seed; the batches and evaluations are shared among them (`communicator`),
/// and rank 0 alone writes the folder and the log lines.
struct TrainingSession {
  let config: ModelFolderConfig
  let model: any SentimentModel
  let data: TrainingData
  let trainer: Trainer
  let folder: URL
  /// The ranks of an mpirun job; nil: this process alone.
  let communicator: Communicator?

  /// A new run on `data`: the model built from `config` (seeded) and a fresh optimizer.
  init(config: ModelFolderConfig, data: TrainingData, folder: URL, communicator: Communicator?) {
    var generator = SplitMix64(seed: config.training.seed)
    let built = ModelFactory.make(config.model, using: &generator)
    self.init(
      config: config, model: built, data: data, folder: folder,
      trainer: Trainer(step: TrainingStep(model: built, config: config.training)),
      communicator: communicator)
  }

  /// An interrupted run: the model, vocabulary, settings and optimizer state from `folder`.
  /// Any number of ranks may resume a run saved by any other number: the folder holds no rank's
  /// own state.
  init(resumingFrom folder: URL, corpus: CorpusOptions, job: Job, communicator: Communicator?) throws {
    if communicator?.isRoot ?? true {
      AtomicFolder.removeLeftovers(of: folder)  // of a run killed mid-checkpoint
    }
    communicator?.barrier()  // no rank reads the folder while rank 0 tidies it
    let loaded = try ModelFolder(folder).load()
    var options = corpus
    options.labels = loaded.config.labels.joined(separator: ",")  // the model's classes, in its order
    var data = try TrainingData(
      corpus: try options.read(seed: loaded.config.training.seed, job: job),
      text: loaded.config.text, vocabulary: loaded.vocabulary,
      limit: loaded.config.training.reviewLimit,
      seed: loaded.config.training.seed, job: job)
    if let teacher = loaded.config.training.teacher {  // the same reviews, labelled again
      data.add(try corpus.teacherData(
        teacher, labels: loaded.config.labels, sample: loaded.sample, text: loaded.config.text,
        vocabulary: loaded.vocabulary, job: job))
    }
    let trainer = Trainer(step: TrainingStep(model: loaded.model, config: loaded.config.training))
    let state = try TrainingState.load(from: folder, into: trainer.checkpointTensors)
    guard state.epochsCompleted == loaded.config.epochsCompleted else {
      throw TrainingError.cannotResume(
        "\(folder.path) holds weights of epoch \(loaded.config.epochsCompleted) but a training state of epoch \(state.epochsCompleted); start again without --resume")
    }
    trainer.resume(from: state)
    self.init(
      config: loaded.config, model: loaded.model, data: data, folder: folder, trainer: trainer,
      communicator: communicator)
  }

  private init(
    config: ModelFolderConfig, model: any SentimentModel, data: TrainingData, folder: URL,
    trainer: Trainer, communicator: Communicator?
  ) {
    self.config = config
    self.model = model
    self.data = data
    self.folder = folder
    self.trainer = trainer
    self.communicator = communicator
    trainer.step.communicator = communicator
  }

  /// Whether this process writes files and log lines: rank 0, or the only process.
  var writes: Bool { communicator?.isRoot ?? true }

  /// Trains (checkpointing every epoch), evaluates on the test split, and records the test
  /// accuracy, the command and the job's time in the folder's training state.
  func run(job: Job, command: String) throws
    -> (state: TrainingState, probabilities: [[Double]], metrics: TestFigures)
  {
    var split = data.train.split(holdingOut: config.training.validationFraction, seed: config.training.seed)
    let labelledCount = split.kept.count
    if let extra = data.teacherLabelled { split.kept = split.kept.appending(extra) }
    let start = trainer.state.epochsCompleted
    if start > 0 { log("resuming after epoch \(start) of \(config.training.epochs) from \(folder.path)") }
    let teacherPart = data.teacherLabelled.map { " (\(labelledCount) labelled, \($0.count) labelled by the teacher)" } ?? ""
    log("training \(config.model.displayName): \(model.parameterCount) parameters, \(split.kept.count) train\(teacherPart) / \(split.heldOut.count) validation reviews")
    if let communicator {
      log("each batch shared among \(communicator.size) MPI ranks, \(Parallel.cores) thread(s) each")
    }
    if start == 0 { trainer.record(command: command) }
    var state = try job.run(TrainingStage(trainer: trainer, checkpoint: save), (split.kept, split.heldOut))
    for record in state.history.dropFirst(start) {
      log(String(
        format: "epoch %d: train loss %.4f, accuracy %.2f%%; validation loss %@, accuracy %@; %.0f s, %.0f tokens/s",
        record.epoch, record.trainLoss, 100 * record.trainAccuracy,
        record.validationLoss.map { String(format: "%.4f", $0) } ?? "–",
        record.validationAccuracy.map { String(format: "%.2f%%", 100 * $0) } ?? "–",
        record.seconds, record.tokensPerSecond))
    }
    let probabilities = try job.run(
      EvaluationStage(
        model: model, name: "evaluate \(config.model.displayName) on test",
        communicator: communicator),
      data.test)
    let metrics = TestFigures(probabilities: probabilities, labels: data.test.labels, classNames: config.labels)
    if let restored = state.restoredEpoch {
      log("kept the weights of epoch \(restored), the best validation \(config.training.monitor.rawValue)")
    }
    log(String(format: "test accuracy %.2f%% on %d reviews (macro-F1 %.4f, ROC AUC %.4f)", 100 * metrics.accuracy, metrics.count, metrics.classes.macroF1, metrics.rocAUC))
    state.testAccuracy = metrics.accuracy
    state.testCount = metrics.count
    state.seconds = job.totalSeconds
    if writes { try state.save(optimizerTensors: trainer.checkpointTensors, in: folder) }
    return (state, probabilities, metrics)
  }

  /// The run's Markdown report, written to `url` with its charts.
  func writeReport(
    to url: URL, job: Job, command: String, state: TrainingState, probabilities: [[Double]],
    metrics: TestFigures
  ) throws {
    guard writes else { return }
    let report = TrainingReport(
      title: "\(config.model.displayName): \(config.labels.joined(separator: " / "))", command: command,
      modelFolder: folder.path, config: config, parameterCount: model.parameterCount,
      dataLines: data.summary, stages: job.records, state: state, test: metrics,
      mistakes: TrainingReport.mistakes(
        probabilities: probabilities, data: data.test, classNames: config.labels, texts: data.testTexts),
      machine: Machine.current().summary)
    try report.write(to: url)
    log("model in \(folder.path); report in \(url.path)")
  }

  /// Saves the optimizer state and the model folder (config.json naming the epoch) as one step:
  /// a kill leaves the previous checkpoint or this one, which `--resume` reads either way.
  private func save(_ state: TrainingState) throws {
    guard writes else { return }
    try AtomicFolder.replace(folder) { staging in
      try state.save(optimizerTensors: trainer.checkpointTensors, in: staging)
      var saved = config
      saved.epochsCompleted = state.epochsCompleted
      try ModelFolder(staging).save(model: model, vocabulary: data.vocabulary, config: saved)
    }
  }

  private func log(_ line: String) {
    guard writes else { return }
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
