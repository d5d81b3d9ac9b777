import Foundation

/// How well class distributions match labels, for any number of classes C: the figures every
/// report shows. The predicted class is `PredictedClass.of(p)` (binary: p(pos) ≥ ½).
///   accuracy   Σ_k confusion[k][k] / n
///   per class  precision, recall, F1 and support of the confusion matrix (`ClassScores`)
///   macro-F1   (1/C) Σ_k F1_k
///   log-loss   −(1/n) Σ_i log p_i[y_i], p clipped to [1e-15, 1 − 1e-15]
///   AUC        one-vs-rest per class k: the ROC area of p[k] with class k positive (NaN when
///              the test set lacks class k or has nothing else); macro AUC the mean of the defined ones
public struct ClassMetrics: Sendable {
  /// Number of examples.
  public let count: Int
  /// Share whose predicted class is their label.
  public let accuracy: Double
  /// confusion[actual][predicted], classes in label order.
  public let confusion: [[Int]]
  /// Precision, recall, F1 and support per class.
  public let classes: [ClassScores]
  /// The unweighted mean of the classes' F1.
  public let macroF1: Double
  /// Mean −log p(true class).
  public let logLoss: Double
  /// One-vs-rest ROC AUC per class.
  public let oneVsRestAUC: [Double]

  /// Scores `probabilities` (one distribution per example) against `labels` (class indices).
  public init(probabilities: [[Double]], labels: [Int]) {
    precondition(probabilities.count == labels.count, "one distribution per label")
    let c = probabilities.first?.count ?? 2
    count = labels.count
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: c), count: c)
    var loss = 0.0
    for (p, y) in zip(probabilities, labels) {
      confusion[y][PredictedClass.of(p)] += 1
      loss -= Foundation.log(min(max(p[y], 1e-15), 1 - 1e-15))
    }
    self.confusion = confusion
    accuracy = count == 0 ? 0 : Double((0..<c).reduce(0) { $0 + confusion[$1][$1] }) / Double(count)
    logLoss = count == 0 ? 0 : loss / Double(count)
    classes = ClassScores.perClass(confusion: confusion)
    macroF1 = classes.reduce(0) { $0 + $1.f1 } / Double(c)
    oneVsRestAUC = (0..<c).map { k in
      BinaryMetrics.rocCurve(probabilities: probabilities.map { $0[k] }, labels: labels.map { $0 == k ? 1 : 0 }).0
    }
  }

  /// The mean of the defined one-vs-rest AUCs (NaN when none is).
  public var macroAUC: Double {
    let defined = oneVsRestAUC.filter { !$0.isNaN }
    return defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
  }

  /// The accuracy with its 95% Wilson interval (at least one example).
  public var interval: AccuracyInterval {
    AccuracyInterval(correct: (0..<confusion.count).reduce(0) { $0 + confusion[$1][$1] }, count: count)
  }
}
