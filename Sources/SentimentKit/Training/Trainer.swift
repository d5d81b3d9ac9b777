import Foundation

/// Trains a model epoch by epoch: seeded, length-bucketed batches; one `TrainingStep` per batch;
/// validation after each epoch; early stopping on the monitored validation figure; a checkpoint call after
/// every epoch. Every random draw comes from generators seeded by (seed, epoch), so a run resumed
/// after epoch e repeats exactly what the uninterrupted run would have done.
///
/// The weights of the best validation epoch (`TrainingConfig.monitor`) are kept beside the live ones (in
/// the checkpoint too, as "best.NAME" tensors); when training ends on a later epoch they are put
/// back, and the state records which epoch the model holds (Keras' restore_best_weights).
public final class Trainer {
  /// The update machinery (model, optimizer, clipping, schedule).
  public let step: TrainingStep
  /// Counters and history; restored when resuming.
  public private(set) var state: TrainingState
  /// A copy of the best-validation epoch's weights, "best.NAME".
  private let bestWeights: [NamedTensor<Float>]

  /// A trainer for `model`; pass `state` (with the tensors of `checkpointTensors` already loaded)
  /// to resume.
  public init(step: TrainingStep, state: TrainingState = TrainingState()) {
    self.step = step
    self.state = state
    bestWeights = step.model.parameters.copy().namedTensors.map { $0.prefixed("best.") }
    step.updates = state.updates
  }

  /// What a checkpoint saves besides the model: the optimizer's buffers and the best weights.
  public var checkpointTensors: [NamedTensor<Float>] {
    step.optimizer.stateTensors + bestWeights
  }

  /// Notes the command line that started a new run in its state.
  public func record(command: String) { state.command = command }

  /// Continues from a checkpoint: `state` read with `checkpointTensors` loaded.
  public func resume(from state: TrainingState) {
    self.state = state
    step.updates = state.updates
  }

  /// The configuration in force.
  public var config: TrainingConfig { step.config }

  /// Trains on `train` until `config.epochs` epochs are done or early stopping ends the run,
  /// validating on `validation` (which may be empty). After each epoch `checkpoint` receives the
  /// new state, to save the model and `state` together. Long epochs show progress on `job`'s
  /// running stage. Throws `TrainingError.nonFinite` naming the epoch and batch on divergence.
  public func train(
    _ train: LabelledSequences, validation: LabelledSequences, job: Job,
    checkpoint: (TrainingState) throws -> Void
  ) throws {
    guard train.count > 0 else { throw TrainingError.noData("the training split is empty") }
    let batcher = try Batcher(
      sequences: train.sequences, labels: train.labels, maxLength: nil, sources: train.sources)
    let tokens = train.sequences.reduce(0) { $0 + $1.count }
    while state.epochsCompleted < config.epochs && !state.stoppedEarly {
      let epoch = state.epochsCompleted + 1
      step.epoch = epoch
      var shuffle = SplitMix64(seed: Self.seed(config.seed, epoch: epoch, stream: 1))
      var dropout = SplitMix64(seed: Self.seed(config.seed, epoch: epoch, stream: 2))
      // Soft labels: this epoch's draw (its own stream, so fixed-label runs are unchanged).
      var labelDraw = SplitMix64(seed: Self.seed(config.seed, epoch: epoch, stream: 3))
      let epochBatcher =
        train.hasDrawnLabels
        ? try Batcher(
          sequences: train.sequences, labels: train.drawnLabels(using: &labelDraw), maxLength: nil,
          sources: train.sources)
        : batcher
      let batches = epochBatcher.shuffledBatches(
        size: config.batchSize, maxTokens: config.maxBatchTokens, using: &shuffle)
      let progress = job.progress(total: train.count, unit: .items("reviews"))
      var lossSum = 0.0
      var correct = 0
      let clock = Date()
      for (index, batch) in batches.enumerated() {
        let outcome: BatchOutcome
        do {
          outcome = try step.run(sequences: batch.ids, labels: batch.labels, using: &dropout)
        } catch TrainingStep.Failure.nonFinite(let what) {
          throw TrainingError.nonFinite(
            epoch: epoch, batch: index + 1, what: what,
            checkpoint: state.epochsCompleted > 0 ? "epoch \(state.epochsCompleted)" : nil)
        }
        lossSum += outcome.loss * Double(batch.count)
        correct += outcome.correct
        progress.detail = String(
          format: "epoch %d/%d, loss %.4f, accuracy %.1f%%", epoch, config.epochs,
          lossSum / Double(progress.completed + batch.count),
          100 * Double(correct) / Double(progress.completed + batch.count))
        progress.advance(by: batch.count)
      }
      let seconds = Date().timeIntervalSince(clock)
      progress.finish()
      var record = EpochRecord(
        epoch: epoch, trainLoss: lossSum / Double(train.count),
        trainAccuracy: Double(correct) / Double(train.count), validationLoss: nil,
        validationAccuracy: nil, seconds: seconds,
        tokensPerSecond: Double(tokens) / max(seconds, 1e-9),
        learningRate: step.optimizer.learningRate)
      record.peakMiB = ProcessMemory.peakMiB
      if validation.count > 0 {
        let p = Evaluator(communicator: step.communicator).probabilities(
          of: validation.sequences, model: step.model)
        let (loss, accuracy) = Evaluator.lossAndAccuracy(probabilities: p, labels: validation.labels)
        record.validationLoss = loss
        record.validationAccuracy = accuracy
        if isImprovement(loss: loss, accuracy: accuracy) {
          state.bestValidationLoss = loss
          state.bestValidationAccuracy = accuracy
          state.bestEpoch = epoch
          state.epochsWithoutImprovement = 0
          for (best, live) in zip(bestWeights, step.model.parameters.namedTensors) {
            best.value.assign(live.value)
          }
        } else {
          state.epochsWithoutImprovement += 1
          if let patience = config.patience, state.epochsWithoutImprovement >= patience {
            state.stoppedEarly = true
          }
        }
      }
      state.history.append(record)
      state.epochsCompleted = epoch
      state.updates = step.updates
      try checkpoint(state)
    }
    if let best = state.bestEpoch, best != state.epochsCompleted, state.restoredEpoch == nil {
      for (live, kept) in zip(step.model.parameters.namedTensors, bestWeights) {
        live.value.assign(kept.value)
      }
      state.restoredEpoch = best
      try checkpoint(state)
    }
  }

  /// Whether an epoch's validation figures beat the best so far, by `config.monitor`.
  private func isImprovement(loss: Double, accuracy: Double) -> Bool {
    guard let bestLoss = state.bestValidationLoss else { return true }
    switch config.monitor {
    case .loss: return loss < bestLoss
    case .accuracy:
      let bestAccuracy = state.bestValidationAccuracy ?? -.infinity
      return accuracy > bestAccuracy || (accuracy == bestAccuracy && loss < bestLoss)
    }
  }

  /// A generator seed for one purpose (`stream`) in one epoch, well mixed from the run's seed.
  static func seed(_ seed: UInt64, epoch: Int, stream: UInt64) -> UInt64 {
    var mixer = SplitMix64(seed: seed ^ (UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15) ^ (stream << 56))
    return mixer.next()
  }
}
