import Foundation
#if canImport(Glibc)
  import Glibc
#endif

/// The exact McNemar test of two classifiers on the same examples: of the n = b + c discordant
/// examples (b: only the first is right, c: only the second), under the null hypothesis of
/// equal accuracy each is the first's with probability ½, so b ~ Binomial(n, ½) and the
/// two-sided p-value is
///   p = min(1, 2 · Σ_{i=0}^{min(b,c)} C(n, i) / 2ⁿ)         (p = 1 when n = 0)
/// The terms are summed in log space (lgamma), exact to rounding for any n.
public struct McNemarTest: Codable, Equatable, Sendable {
  /// Examples only the first classifier gets right.
  public let onlyFirst: Int
  /// Examples only the second classifier gets right.
  public let onlySecond: Int
  /// The two-sided p-value.
  public let pValue: Double

  /// The test of the discordant counts b and c.
  public init(onlyFirst b: Int, onlySecond c: Int) {
    precondition(b >= 0 && c >= 0, "counts are not negative")
    onlyFirst = b
    onlySecond = c
    let n = b + c
    guard n > 0 else {
      pValue = 1
      return
    }
    let logTotal = Double(n) * log(2.0)
    let logNFactorial = Self.logGamma(Double(n + 1))
    var tail = 0.0
    for i in 0...min(b, c) {
      tail += exp(logNFactorial - Self.logGamma(Double(i + 1)) - Self.logGamma(Double(n - i + 1)) - logTotal)
    }
    pValue = min(1, 2 * tail)
  }

  /// The test of two classifiers' correctness on the same examples, in the same order.
  public init(firstCorrect: [Bool], secondCorrect: [Bool]) {
    precondition(firstCorrect.count == secondCorrect.count, "the same examples")
    var (b, c) = (0, 0)
    for (first, second) in zip(firstCorrect, secondCorrect) where first != second {
      if first { b += 1 } else { c += 1 }
    }
    self.init(onlyFirst: b, onlySecond: c)
  }

  /// Whether the difference is significant at level `alpha` (two-sided).
  public func isSignificant(at alpha: Double = 0.05) -> Bool { pValue < alpha }

  // ln Γ(x) for x > 0 (Glibc's lgamma, named apart from its overloads).
  private static func logGamma(_ x: Double) -> Double { Glibc.lgamma(x) }
}
