/// A model's figures on a test set, for any number of classes: the N-class scores
/// (`ClassMetrics`) under the class names, and for two classes also the binary ones
/// (`BinaryMetrics`: p(pos) at the decision threshold, the ROC curve, calibration).
public struct TestFigures: Sendable {
  /// The class names, in index order.
  public let classNames: [String]
  /// Accuracy, macro-F1, per-class scores, the confusion matrix, one-vs-rest AUC.
  public let classes: ClassMetrics
  /// With two classes: the figures of p(pos) at `threshold`; nil with more.
  public let binary: BinaryMetrics?

  /// The figures of `probabilities` (one distribution per review) against `labels` (class
  /// indices); a binary model calls pos at p(pos) ≥ `threshold`.
  public init(probabilities: [[Double]], labels: [Int], classNames: [String], threshold: Double = 0.5) {
    self.classNames = classNames
    let binary = classNames.count == 2
      ? BinaryMetrics(probabilities: probabilities.map { $0[1] }, labels: labels, threshold: threshold)
      : nil
    // A binary model's predictions are those at its threshold: score them so, not at ½.
    classes = ClassMetrics(
      probabilities: binary == nil || threshold == 0.5
        ? probabilities : probabilities.map { $0[1] >= threshold ? [0, 1] : [1, 0] },
      labels: labels)
    self.binary = binary
  }

  /// Number of reviews.
  public var count: Int { classes.count }
  /// Share predicted correctly.
  public var accuracy: Double { binary?.accuracy ?? classes.accuracy }
  /// Mean −log p(true class).
  public var logLoss: Double { binary?.logLoss ?? classes.logLoss }
  /// ROC AUC: of p(pos) for two classes, else the macro mean of one-vs-rest.
  public var rocAUC: Double { binary?.rocAUC ?? classes.macroAUC }
}
