import SentimentKit
import XCTest

/// Central finite differences in Double, for hand-written backward passes.
///
/// For every element v of every checked tensor, n = (L(v + ε) − L(v − ε)) / 2ε with ε = 1e-6, and
/// the analytic gradient a passes when |a − n| ≤ 1e-8 + 1e-6·max(|a|, |n|). Why these: the central
/// difference's truncation error is O(ε²) ≈ 1e-12 and its rounding error about 1e-16·|L|/ε ≈ 1e-9
/// for the |L| ≲ 10 of these tests, both inside the 1e-8 floor; the floor also lets a true zero pass
/// against −5e-17, which a relative-only test would fail (swift-numerics' isApproximatelyEqual).
enum GradientCheck {
  /// ε, the step on either side.
  static let epsilon = 1e-6
  /// The absolute part of the tolerance.
  static let absoluteTolerance = 1e-8
  /// The relative part of the tolerance.
  static let relativeTolerance = 1e-6

  /// A tensor the loss reads and dL/d(value) from backward. `value` must share storage with what
  /// the loss reads (parameters through `namedTensors`, inputs as passed), so perturbing it here
  /// changes the loss.
  struct Entry {
    let name: String
    let value: Matrix<Double>
    let gradient: Matrix<Double>
  }

  /// Entries for every parameter of a set, paired with the same-named gradient.
  static func entries<P: ParameterSet>(_ parameters: P, _ gradients: P) -> [Entry]
  where P.T == Double {
    zip(parameters.namedTensors, gradients.namedTensors).map {
      Entry(name: $0.name, value: $0.value, gradient: $1.value)
    }
  }

  /// Checks every element of every entry against central differences of `loss`, restoring each
  /// value afterwards; fails once per entry, naming the worst element. Returns the number of
  /// elements checked.
  @discardableResult
  static func check(
    _ entries: [Entry], _ what: String, loss: () -> Double,
    file: StaticString = #filePath, line: UInt = #line
  ) -> Int {
    var checked = 0
    for entry in entries {
      precondition(
        entry.value.rows == entry.gradient.rows && entry.value.cols == entry.gradient.cols)
      var worst: (excess: Double, r: Int, c: Int, a: Double, n: Double)?
      for r in 0..<entry.value.rows {
        for c in 0..<entry.value.cols {
          let v = entry.value[r, c]
          entry.value[r, c] = v + epsilon
          let plus = loss()
          entry.value[r, c] = v - epsilon
          let minus = loss()
          entry.value[r, c] = v
          let n = (plus - minus) / (2 * epsilon)
          let a = entry.gradient[r, c]
          let excess = abs(a - n) - (absoluteTolerance + relativeTolerance * max(abs(a), abs(n)))
          if excess > 0 && excess > (worst?.excess ?? 0) { worst = (excess, r, c, a, n) }
          checked += 1
        }
      }
      if let worst {
        XCTFail(
          "\(what): d\(entry.name)[\(worst.r), \(worst.c)] analytic \(worst.a), numeric \(worst.n)",
          file: file, line: line)
      }
    }
    return checked
  }
}
