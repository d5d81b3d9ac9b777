/// One pass of language-model pretraining, as its report and config.json record it.
public struct LanguageModelEpoch: Codable, Equatable, Sendable {
  /// 1-based.
  public var epoch: Int
  /// Mean sampled-softmax loss of the training predictions.
  public var trainingLoss: Double
  /// Perplexity of the held-out reviews under the full softmax, e^{mean −log p}; nil with none.
  public var heldOutPerplexity: Double?
  /// Predictions (next or previous words) trained on per second.
  public var predictionsPerSecond: Double
  /// Seconds of the pass, the held-out measurement included.
  public var seconds: Double
}

/// The running training loss at one point of pretraining: the learning curve.
public struct LanguageModelCurvePoint: Codable, Equatable, Sendable {
  /// Predictions trained on so far.
  public var predictions: Int
  /// Mean loss of the predictions since the previous point.
  public var trainingLoss: Double
}
