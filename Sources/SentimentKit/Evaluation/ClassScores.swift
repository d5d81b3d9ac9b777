/// One class's precision, recall, F1 and support, read off a confusion matrix
/// (confusion[actual][predicted]): the per-class figures of `BinaryMetrics` and `ClassMetrics`.
///   precision_k = confusion[k][k] / Σ_a confusion[a][k]   (0 when nothing is predicted k)
///   recall_k    = confusion[k][k] / Σ_p confusion[k][p]   (0 when no review is of class k)
///   F1_k        = 2 P R / (P + R)                          (0 when P + R = 0)
public struct ClassScores: Codable, Sendable {
  /// Of the reviews predicted as this class, the share that are.
  public let precision: Double
  /// Of the reviews of this class, the share predicted as it.
  public let recall: Double
  /// Harmonic mean of precision and recall.
  public let f1: Double
  /// Reviews of this class.
  public let support: Int

  /// The scores of every class of the square matrix `confusion`, in its class order.
  public static func perClass(confusion: [[Int]]) -> [ClassScores] {
    confusion.indices.map { k in
      let truePositives = Double(confusion[k][k])
      let predicted = Double(confusion.reduce(0) { $0 + $1[k] })
      let actual = Double(confusion[k].reduce(0, +))
      let precision = predicted == 0 ? 0 : truePositives / predicted
      let recall = actual == 0 ? 0 : truePositives / actual
      let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
      return ClassScores(precision: precision, recall: recall, f1: f1, support: Int(actual))
    }
  }
}
