/// Probabilities of the positive class for many sequences at once: length-sorted batches (so each
/// packed batch wastes nothing), answers back in the input order.
public struct Evaluator {
  /// Sequences per forward pass.
  public var batchSize: Int

  /// An evaluator running `batchSize` sequences at a time.
  public init(batchSize: Int = 256) {
    precondition(batchSize > 0)
    self.batchSize = batchSize
  }

  /// p(pos) for each sequence (each with at least one token), in order. `progress` is advanced by
  /// the number of sequences done.
  public func probabilities(
    of sequences: [[Int32]], model: any SentimentModel, progress: Progress? = nil
  ) -> [Double] {
    let order = sequences.indices.sorted { sequences[$0].count > sequences[$1].count }
    var result = [Double](repeating: 0, count: sequences.count)
    var start = 0
    while start < order.count {
      let chunk = Array(order[start..<min(start + batchSize, order.count)])
      let p = model.probabilities(of: chunk.map { sequences[$0] })
      for (i, index) in chunk.enumerated() { result[index] = p[i] }
      start += chunk.count
      progress?.advance(by: chunk.count)
    }
    return result
  }

  /// Mean negative log-likelihood and accuracy of `probabilities` against 0/1 `labels`.
  public static func lossAndAccuracy(probabilities: [Double], labels: [Int]) -> (loss: Double, accuracy: Double) {
    let metrics = BinaryMetrics(probabilities: probabilities, labels: labels)
    return (metrics.logLoss, metrics.accuracy)
  }
}
