import SentimentKit
import XCTest

/// `PanelMatrix` against BLAS gemm on shapes that exercise every path: fewer than six rows, six
/// and a remainder, widths below, at and past one 64-column panel and not multiples of 16, views
/// with row strides wider than their columns, and both orientations of the source.
final class PanelMatrixTests: XCTestCase {
  private func check<T: Scalar>(_: T.Type, m: Int, k: Int, n: Int, transposed: Bool, tolerance: T) {
    var generator = SplitMix64(seed: UInt64(m * 1_000_003 + k * 1_009 + n))
    let source: Matrix<T> = generator.matrix(rows: transposed ? n : k, cols: transposed ? k : n)
    let panels = PanelMatrix(source, transposed: transposed)
    XCTAssertEqual([panels.rows, panels.cols], [k, n])
    // a and c are views inside wider matrices, so their strides differ from their widths.
    let a = (generator.matrix(rows: m, cols: k + 3) as Matrix<T>).columns(1..<k + 1)
    let c = (generator.matrix(rows: m, cols: n + 5) as Matrix<T>).columns(2..<n + 2)
    let expected = c.copy()
    expected.addProduct(a, source, transposeB: transposed)
    let untouched = c.storage.pointer[0]
    panels.multiplyAdd(a, into: c)
    for r in 0..<m {
      for j in 0..<n {
        XCTAssertEqual(c[r, j], expected[r, j], accuracy: tolerance, "m \(m) k \(k) n \(n) transposed \(transposed): (\(r), \(j))")
      }
    }
    XCTAssertEqual(c.storage.pointer[0], untouched, "columns left of the view are not written")
  }

  func testMatchesGemmInDouble() {
    for (m, k, n) in [(1, 1, 1), (5, 7, 16), (6, 64, 64), (7, 64, 256), (13, 100, 48), (64, 256, 64), (20, 3, 130)] {
      for transposed in [false, true] {
        check(Double.self, m: m, k: k, n: n, transposed: transposed, tolerance: 1e-12)
      }
    }
  }

  func testMatchesGemmInFloat() {
    for (m, k, n) in [(2, 64, 256), (50, 64, 192), (64, 256, 64), (11, 33, 100)] {
      for transposed in [false, true] {
        check(Float.self, m: m, k: k, n: n, transposed: transposed, tolerance: 1e-4)
      }
    }
  }

  func testEmptyProductLeavesTheResult() {
    let panels = PanelMatrix(Matrix<Double>(rows: 4, cols: 3, repeating: 1))
    let c = Matrix<Double>(rows: 0, cols: 3)
    panels.multiplyAdd(Matrix<Double>(rows: 0, cols: 4), into: c)
    XCTAssertEqual(c.count, 0)
  }
}
