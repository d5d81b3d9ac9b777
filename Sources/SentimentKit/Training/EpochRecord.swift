/// The figures of one training epoch, as learning curves and reports show them.
public struct EpochRecord: Codable, Equatable, Sendable {
  /// 1-based epoch number.
  public var epoch: Int
  /// Mean training loss over the epoch's batches (measured before each update).
  public var trainLoss: Double
  /// Share of training reviews classified correctly (before each update).
  public var trainAccuracy: Double
  /// Loss on the held-out validation reviews after the epoch; nil without a validation split.
  public var validationLoss: Double?
  /// Accuracy on the validation reviews after the epoch.
  public var validationAccuracy: Double?
  /// Wall-clock seconds of the epoch's training (validation excluded).
  public var seconds: Double
  /// Training throughput: the tokens of the training reviews (as fed, after any cut) per second.
  public var tokensPerSecond: Double
  /// Learning rate of the epoch's last update.
  public var learningRate: Double
  /// The process's peak resident memory by the end of the epoch, MiB (nil in older records).
  public var peakMiB: Double?

  /// A record of every figure.
  public init(
    epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double?,
    validationAccuracy: Double?, seconds: Double, tokensPerSecond: Double, learningRate: Double
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.trainAccuracy = trainAccuracy
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.seconds = seconds
    self.tokensPerSecond = tokensPerSecond
    self.learningRate = learningRate
  }
}
