/// Training as a stage of a job: (train, validation) in, the final `TrainingState` out; each
/// epoch shows progress and ends in `checkpoint`.
public struct TrainingStage: Stage {
  /// Does the work.
  public let trainer: Trainer
  /// Saves the model and the state after every epoch.
  public let checkpoint: (TrainingState) throws -> Void

  /// A stage running `trainer`.
  public init(trainer: Trainer, checkpoint: @escaping (TrainingState) throws -> Void) {
    self.trainer = trainer
    self.checkpoint = checkpoint
  }

  /// "train".
  public var name: String { "train" }

  /// Trains until done; the item count is reviews × epochs trained in this run.
  public func run(_ input: (train: LabelledSequences, validation: LabelledSequences), in job: Job)
    throws -> TrainingState
  {
    let before = trainer.state.epochsCompleted
    try trainer.train(input.train, validation: input.validation, job: job, checkpoint: checkpoint)
    job.setItemCount(input.train.count * (trainer.state.epochsCompleted - before))
    return trainer.state
  }
}
