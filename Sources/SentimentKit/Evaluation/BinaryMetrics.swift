import Foundation

/// How well probabilities of the positive class match 0/1 labels: the figures a report shows.
public struct BinaryMetrics: Codable, Sendable {
  /// Number of examples.
  public let count: Int
  /// Share predicted correctly at `threshold`.
  public let accuracy: Double
  /// confusion[actual][predicted], 0 = neg, 1 = pos.
  public let confusion: [[Int]]
  /// Precision, recall, F1 and support for neg (index 0) and pos (index 1).
  public let classes: [ClassScores]
  /// Area under the ROC curve (the probability that a random positive outranks a random negative,
  /// ties counted half).
  public let rocAUC: Double
  /// Mean −log p(true class), probabilities clipped to [1e-15, 1 − 1e-15].
  public let logLoss: Double
  /// Probability at or above which a review is called positive.
  public let threshold: Double
  /// ROC curve points (false-positive rate, true-positive rate), from (0, 0) to (1, 1).
  public let roc: [[Double]]
  /// Reliability in ten bins of p(pos) and the expected calibration error.
  public let calibration: Calibration

  /// Scores `probabilities` (of pos) against `labels` (0 or 1).
  public init(probabilities: [Double], labels: [Int], threshold: Double = 0.5) {
    precondition(probabilities.count == labels.count, "one probability per label")
    count = labels.count
    self.threshold = threshold
    var confusion = [[0, 0], [0, 0]]
    var loss = 0.0
    for (p, y) in zip(probabilities, labels) {
      confusion[y][p >= threshold ? 1 : 0] += 1
      let clipped = min(max(p, 1e-15), 1 - 1e-15)
      loss -= y == 1 ? Foundation.log(clipped) : Foundation.log(1 - clipped)
    }
    self.confusion = confusion
    accuracy = count == 0 ? 0 : Double(confusion[0][0] + confusion[1][1]) / Double(count)
    logLoss = count == 0 ? 0 : loss / Double(count)
    classes = ClassScores.perClass(confusion: confusion)
    (rocAUC, roc) = Self.rocCurve(probabilities: probabilities, labels: labels)
    calibration = Calibration(probabilities: probabilities, labels: labels)
  }

  /// The accuracy with its 95% Wilson interval (at least one example).
  public var interval: AccuracyInterval {
    AccuracyInterval(correct: confusion[0][0] + confusion[1][1], count: count)
  }

  /// Walks the examples from the most to the least confident positive, one ROC point per distinct
  /// probability; the area is the trapezoid sum, which counts ties as half.
  static func rocCurve(probabilities: [Double], labels: [Int]) -> (Double, [[Double]]) {
    let positives = Double(labels.filter { $0 == 1 }.count)
    let negatives = Double(labels.count) - positives
    guard positives > 0 && negatives > 0 else { return (.nan, [[0, 0], [1, 1]]) }
    let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
    var points: [[Double]] = [[0, 0]]
    var truePositives = 0.0
    var falsePositives = 0.0
    var area = 0.0
    var i = 0
    while i < ranked.count {
      let p = probabilities[ranked[i]]
      let (tp0, fp0) = (truePositives, falsePositives)
      while i < ranked.count && probabilities[ranked[i]] == p {
        if labels[ranked[i]] == 1 { truePositives += 1 } else { falsePositives += 1 }
        i += 1
      }
      area += (falsePositives - fp0) / negatives * (truePositives + tp0) / 2 / positives
      points.append([falsePositives / negatives, truePositives / positives])
    }
    return (area, Self.thinned(points, to: 200))
  }

  /// At most about `limit` points, keeping the first and last, so charts stay small.
  static func thinned(_ points: [[Double]], to limit: Int) -> [[Double]] {
    guard points.count > limit else { return points }
    let step = Double(points.count - 1) / Double(limit - 1)
    return (0..<limit).map { points[Int((Double($0) * step).rounded())] }
  }
}
