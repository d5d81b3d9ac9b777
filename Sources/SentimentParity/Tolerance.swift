import SentimentKit
/// How far a result may stray from its reference, in swift-numerics' isApproximatelyEqual form:
///   |a − e| ≤ absolute + relative·max(|a|, |e|)
/// (a purely relative test would fail 0 against −5e-17).
public struct Tolerance: Equatable, Sendable {
  /// rtol: the share of the larger magnitude allowed.
  public var relative: Double
  /// atol: the floor allowed near zero.
  public var absolute: Double

  /// A tolerance of `relative`·max(|a|, |e|) + `absolute`.
  public init(relative: Double, absolute: Double) {
    self.relative = relative
    self.absolute = absolute
  }

  /// The share of the allowed difference that |a − e| uses (≤ 1 passes): 0 when a = e or both
  /// are NaN, +∞ when only one is NaN or ±∞.
  public func share(_ a: Double, _ e: Double) -> Double {
    if a == e || (a.isNaN && e.isNaN) { return 0 }
    if !a.isFinite || !e.isFinite { return .infinity }
    return abs(a - e) / (absolute + relative * max(abs(a), abs(e)))
  }
}
