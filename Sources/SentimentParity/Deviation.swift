import SentimentKit
import Foundation

/// How far a result strays from its reference, over all its elements: the largest |a − e|, and
/// the largest share of the tolerance any element uses (at most 1 to pass), with that element.
public struct Deviation: CustomStringConvertible, Sendable {
  /// The element that uses the largest share of the tolerance: its index, value and reference.
  public struct Element: CustomStringConvertible, Sendable {
    /// Row-major index.
    public let index: Int
    /// Our value.
    public let actual: Double
    /// The reference value.
    public let expected: Double

    /// "element 12 is 0.25, expected 0.2500004".
    public var description: String { "element \(index) is \(actual), expected \(expected)" }
  }

  /// max |a − e| (+∞ where only one of the two is NaN).
  public var absolute = 0.0
  /// max |a − e| / (atol + rtol·max(|a|, |e|)).
  public var ofTolerance = 0.0
  /// The element behind `ofTolerance`; nil when nothing was compared or all agree exactly.
  public var worst: Element?

  /// No elements yet: nothing strays.
  public init() {}

  /// `actual` against `expected`, element by element (the same count).
  public init(actual: [Double], expected: [Double], tolerance: Tolerance) {
    precondition(actual.count == expected.count, "\(actual.count) values against \(expected.count)")
    for (i, (a, e)) in zip(actual, expected).enumerated() {
      let share = tolerance.share(a, e)
      absolute = max(absolute, a.isNaN != e.isNaN ? .infinity : share == 0 ? 0 : abs(a - e))
      if share > ofTolerance {
        ofTolerance = share
        worst = Element(index: i, actual: a, expected: e)
      }
    }
  }

  /// Whether every element is within the tolerance.
  public var passed: Bool { ofTolerance <= 1 }

  /// The worse of two deviations, part by part.
  public mutating func include(_ other: Deviation) {
    absolute = max(absolute, other.absolute)
    if other.ofTolerance > ofTolerance {
      ofTolerance = other.ofTolerance
      worst = other.worst
    }
  }

  /// "max |Δ| 3.1e-07 (0.042 of tolerance)".
  public var description: String {
    String(format: "max |Δ| %.1e (%.3f of tolerance)", absolute, ofTolerance)
  }
}
