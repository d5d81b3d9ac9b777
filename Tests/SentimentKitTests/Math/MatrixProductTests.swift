import SentimentKit
import XCTest

/// Products cut into row blocks (see `Matrix.setProduct`) agree with a plain triple loop, for
/// every transpose, and give the same bits inside a `Parallel` piece (blocks one after another)
/// as outside it (blocks at once).
final class MatrixProductTests: XCTestCase {
  func testBlockedProductsMatchTheDefinitionAndEachOther() {
    var generator = SplitMix64(seed: 9)
    // 300×200 · 200×150: 9 million multiply-adds, cut into 2 blocks; 1000×64 · 64×256: 4 blocks.
    for (m, k, n) in [(300, 200, 150), (1000, 64, 256), (7, 5, 3)] {
      for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
        let a: Matrix<Double> = generator.matrix(rows: ta ? k : m, cols: ta ? m : k)
        let b: Matrix<Double> = generator.matrix(rows: tb ? n : k, cols: tb ? k : n)
        let outside = Matrix<Double>(rows: m, cols: n)
        outside.setProduct(a, b, transposeA: ta, transposeB: tb)
        let inside = Parallel.map(2) { _ in
          let c = Matrix<Double>(rows: m, cols: n)
          c.setProduct(a, b, transposeA: ta, transposeB: tb)
          return c.scalars
        }
        XCTAssertEqual(inside[0], outside.scalars, "\(m)×\(k)×\(n) \(ta) \(tb): inside a piece")
        XCTAssertEqual(inside[1], outside.scalars, "\(m)×\(k)×\(n) \(ta) \(tb): inside a piece")
        var worst = 0.0
        for r in 0..<m {
          for c in 0..<n {
            var sum = 0.0
            for j in 0..<k { sum += (ta ? a[j, r] : a[r, j]) * (tb ? b[c, j] : b[j, c]) }
            worst = max(worst, abs(sum - outside[r, c]))
          }
        }
        XCTAssertLessThan(worst, 1e-12, "\(m)×\(k)×\(n) transposes \(ta), \(tb)")
      }
    }
  }
}
