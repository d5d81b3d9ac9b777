/// Class probabilities for many sequences, with progress: the work runs through
/// `SentimentModel.probabilities(ofMany:)` (length-sorted batches on all cores, and with a
/// communicator the batches dealt among the job's ranks) a slice at a time.
public struct Evaluator {
  /// Sequences per forward pass.
  public var batchSize: Int
  /// The ranks sharing the work; nil: this process alone.
  public var communicator: Communicator?

  /// An evaluator running `batchSize` sequences at a time, on `communicator`'s ranks if given.
  public init(batchSize: Int = 128, communicator: Communicator? = nil) {
    precondition(batchSize > 0)
    self.batchSize = batchSize
    self.communicator = communicator
  }

  /// The class probabilities of each sequence (each with at least one token), in order. `progress` is advanced
  /// after every slice of 32 batches.
  public func probabilities(
    of sequences: [[Int32]], model: any SentimentModel, progress: Progress? = nil
  ) -> [[Double]] {
    var result = [[Double]]()
    result.reserveCapacity(sequences.count)
    let slice = 32 * batchSize
    for start in stride(from: 0, to: sequences.count, by: slice) {
      let part = Array(sequences[start..<min(start + slice, sequences.count)])
      result += model.probabilities(ofMany: part, batchSize: batchSize, communicator: communicator)
      progress?.advance(by: part.count)
    }
    return result
  }

  /// Mean negative log-likelihood and accuracy of the class `probabilities` against `labels`
  /// (class indices); two classes are scored from p(pos) as they always were (`BinaryMetrics`).
  public static func lossAndAccuracy(probabilities: [[Double]], labels: [Int]) -> (loss: Double, accuracy: Double) {
    if probabilities.first?.count == 2 {
      let metrics = BinaryMetrics(probabilities: probabilities.map { $0[1] }, labels: labels)
      return (metrics.logLoss, metrics.accuracy)
    }
    let metrics = ClassMetrics(probabilities: probabilities, labels: labels)
    return (metrics.logLoss, metrics.accuracy)
  }
}
