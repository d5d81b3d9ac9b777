import Foundation

/// An accuracy k/n with its 95% Wilson score interval (Wilson 1927), which unlike the normal
/// approximation p̂ ± z√(p̂(1−p̂)/n) stays inside [0, 1] and keeps its coverage near 0 and 1:
///   centre = (p̂ + z²/2n) / (1 + z²/n)
///   half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²),      z = Φ⁻¹(0.975) = 1.959964
public struct AccuracyInterval: Codable, Equatable, Sendable {
  /// Correct predictions k.
  public let correct: Int
  /// Predictions n.
  public let count: Int
  /// Lower end of the interval.
  public let lower: Double
  /// Upper end of the interval.
  public let upper: Double

  /// The two-sided 95% normal quantile.
  public static let z = 1.959963984540054

  /// The interval of `correct` out of `count` (count > 0).
  public init(correct: Int, count: Int) {
    precondition(count > 0 && (0...count).contains(correct), "0 ≤ correct ≤ count, count > 0")
    self.correct = correct
    self.count = count
    let n = Double(count)
    let p = Double(correct) / n
    let z2 = Self.z * Self.z
    let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = Self.z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    lower = max(0, centre - half)
    upper = min(1, centre + half)
  }

  /// k/n.
  public var accuracy: Double { Double(correct) / Double(count) }

  /// As "91.45% (95% CI 91.10–91.79)".
  public var description: String {
    String(format: "%.2f%% (95%% CI %.2f–%.2f)", 100 * accuracy, 100 * lower, 100 * upper)
  }
}
