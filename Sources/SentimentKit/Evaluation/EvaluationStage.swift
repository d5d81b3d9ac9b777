/// Scoring as a stage of a job: labelled sequences in, class probabilities for each out, with
/// progress.
public struct EvaluationStage: Stage {
  /// The model scored.
  public let model: any SentimentModel
  /// Stage name in records and progress lines.
  public let name: String
  /// The ranks sharing the work; nil: this process alone.
  public let communicator: Communicator?

  /// A stage scoring with `model`, on `communicator`'s ranks if given.
  public init(model: any SentimentModel, name: String = "evaluate", communicator: Communicator? = nil) {
    self.model = model
    self.name = name
    self.communicator = communicator
  }

  /// The class probabilities of each sequence, in order.
  public func run(_ input: LabelledSequences, in job: Job) throws -> [[Double]] {
    let progress = job.progress(total: input.count, unit: .items("reviews"))
    job.setItemCount(input.count)
    return Evaluator(communicator: communicator).probabilities(of: input.sequences, model: model, progress: progress)
  }
}
