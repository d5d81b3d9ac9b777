import SentimentKit
import XCTest

/// `Matrix.addTransposedProduct` (C += Aᵀ B) against a triple loop in Double, on shapes that
/// exercise every path: fewer than six rows of C, six and a remainder, widths below, at and past
/// one 64-column block and not multiples of 16, no rows to sum, and views whose row strides are
/// wider than their columns; and that no element outside the view of C is written.
final class TransposedProductTests: XCTestCase {
  private func check<T: Scalar>(_: T.Type, k: Int, m: Int, n: Int, tolerance: T) {
    var generator = SplitMix64(seed: UInt64(k * 1_000_003 + m * 1_009 + n))
    let a = (generator.matrix(rows: k, cols: m + 3) as Matrix<T>).columns(2..<m + 2)
    let b = (generator.matrix(rows: k, cols: n + 7) as Matrix<T>).columns(5..<n + 5)
    let whole: Matrix<T> = generator.matrix(rows: m + 2, cols: n + 4)
    let before = whole.copy()
    let c = whole.rows(1..<m + 1).columns(1..<n + 1)
    c.addTransposedProduct(a, b)
    for r in 0..<m + 2 {
      for j in 0..<n + 4 {
        let inside = (1...m).contains(r) && (1...n).contains(j)
        var expected = before[r, j]
        if inside { for κ in 0..<k { expected += a[κ, r - 1] * b[κ, j - 1] } }
        if inside {
          XCTAssertEqual(whole[r, j], expected, accuracy: tolerance, "k \(k) m \(m) n \(n): (\(r - 1), \(j - 1))")
        } else {
          XCTAssertEqual(whole[r, j], expected, "k \(k) m \(m) n \(n): (\(r), \(j)) is outside the view")
        }
      }
    }
  }

  func testMatchesTheSumInDouble() {
    for (k, m, n) in [(1, 1, 1), (0, 6, 5), (7, 5, 16), (9, 6, 64), (33, 13, 65), (100, 256, 128), (40, 192, 193), (3, 7, 130)] {
      check(Double.self, k: k, m: m, n: n, tolerance: 1e-12)
    }
  }

  func testMatchesTheSumInFloat() {
    for (k, m, n) in [(512, 256, 128), (64, 192, 64), (17, 11, 100)] {
      check(Float.self, k: k, m: m, n: n, tolerance: 1e-3)
    }
  }
}
