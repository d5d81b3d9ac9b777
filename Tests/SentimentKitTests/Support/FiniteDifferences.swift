import SentimentKit
import XCTest

/// Central finite differences in Double: the numerical half of every gradient check.
///
/// ∂L/∂m_k ≈ (L(m + ε e_k) − L(m − ε e_k)) / 2ε with ε = 1e-6. The truncation error is
/// O(ε²·|L'''|) ≈ 1e-12 and the rounding error about 1e-16·|L|/ε ≈ 1e-10 for |L| of order 1, both
/// well inside the test tolerance |a − n| ≤ 1e-8 + 1e-6·max(|a|, |n|) (absolute part for gradients
/// that are 0, where a relative test would fail 0 against −5e-17).
enum FiniteDifferences {
  static let epsilon = 1e-6
  static let absoluteTolerance = 1e-8
  static let relativeTolerance = 1e-6

  /// The numerical gradient of `loss` with respect to every element of `m`, which `loss` reads;
  /// each element is restored after its two evaluations.
  static func gradient(of loss: () -> Double, at m: Matrix<Double>) -> Matrix<Double> {
    let result = Matrix<Double>(rows: m.rows, cols: m.cols)
    for r in 0..<m.rows {
      for c in 0..<m.cols {
        let saved = m[r, c]
        m[r, c] = saved + epsilon
        let plus = loss()
        m[r, c] = saved - epsilon
        let minus = loss()
        m[r, c] = saved
        result[r, c] = (plus - minus) / (2 * epsilon)
      }
    }
    return result
  }

  /// Asserts that the analytic gradient matches the numerical one of `loss` at `m`.
  static func check(
    _ analytic: Matrix<Double>, of loss: () -> Double, at m: Matrix<Double>, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    assertClose(
      analytic, gradient(of: loss, at: m), relative: relativeTolerance, absolute: absoluteTolerance,
      "d\(what)", file: file, line: line)
  }
}
