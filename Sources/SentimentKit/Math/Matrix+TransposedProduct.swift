/// The weight-gradient product of a recurrent layer, C += Aᵀ B, summed over the packed rows κ of
/// a chunk of steps:
///   dW += dGXᵀ X,  dU += dGHᵀ H_prev:   C[r, j] += Σ_κ A[κ, r] · B[κ, j]
/// with A [k, m] and B [k, n] both read row by row as they lie (k ≈ 512 rows of a chunk, m the
/// gate width, n the input or state width): nothing is packed. C is walked in blocks of six rows
/// by 64 columns held in 24 vector accumulators for the whole κ loop; per κ, four vectors of B's
/// row and six scalars of A's row (contiguous: the block's six columns of A) feed 24 fused
/// multiply-adds. On these shapes (m ≤ a few hundred, n ≤ a few hundred) OpenBLAS spends much of
/// its time packing both operands: this ran about 1.5× as fast here (see `sentiment bench`).
extension Matrix {
  /// self [m, n] += aᵀ b, with a [k, m] and b [k, n].
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func addTransposedProduct(_ a: Matrix, _ b: Matrix) {
    precondition(
      a.rows == b.rows && a.cols == rows && b.cols == cols,
      "product (\(a.rows)×\(a.cols))ᵀ · \(b.rows)×\(b.cols) into \(rows)×\(cols)")
    let width = TransposedProductKernel<T>.width
    var column = 0
    while column < cols {
      let columns = Swift.min(width, cols - column)
      var r = 0
      while r + 6 <= rows {
        TransposedProductKernel.sixRows(a, r, b, column, columns, into: self)
        r += 6
      }
      while r < rows {
        TransposedProductKernel.oneRow(a, r, b, column, columns, into: self)
        r += 1
      }
      column += width
    }
  }
}

/// The register-blocked loops of `Matrix.addTransposedProduct`.
enum TransposedProductKernel<T: Scalar> {
  typealias V = SIMD16<T>
  /// Columns of C one block covers: four vectors, as a `PanelMatrix` panel.
  static var width: Int { PanelMatrix<T>.panelWidth }

  /// B[κ, column ..< column + columns] as four vectors, zeros past `columns`.
  @inline(__always)
  static func load(_ p: UnsafeMutablePointer<T>, _ columns: Int) -> (V, V, V, V) {
    let lanes = V.scalarCount
    if columns == 4 * lanes {
      return (p.lanes(at: 0, count: lanes), p.lanes(at: lanes, count: lanes),
        p.lanes(at: 2 * lanes, count: lanes), p.lanes(at: 3 * lanes, count: lanes))
    }
    func part(_ q: Int) -> V {
      let count = Swift.max(0, Swift.min(lanes, columns - q * lanes))
      return count == 0 ? V() : p.lanes(at: q * lanes, count: count)
    }
    return (part(0), part(1), part(2), part(3))
  }

  /// Rows r ..< r + 6 of C, columns `column ..< column + columns`.
  @inline(__always)
  static func sixRows(
    _ a: Matrix<T>, _ r: Int, _ b: Matrix<T>, _ column: Int, _ columns: Int, into c: Matrix<T>
  ) {
    var (c00, c01, c02, c03) = (V(), V(), V(), V())
    var (c10, c11, c12, c13) = (V(), V(), V(), V())
    var (c20, c21, c22, c23) = (V(), V(), V(), V())
    var (c30, c31, c32, c33) = (V(), V(), V(), V())
    var (c40, c41, c42, c43) = (V(), V(), V(), V())
    var (c50, c51, c52, c53) = (V(), V(), V(), V())
    var aRow = a.pointer + r
    var bRow = b.pointer + column
    for _ in 0..<a.rows {
      let (b0, b1, b2, b3) = load(bRow, columns)
      var s = V(repeating: aRow[0])
      c00.addProduct(s, b0); c01.addProduct(s, b1); c02.addProduct(s, b2); c03.addProduct(s, b3)
      s = V(repeating: aRow[1])
      c10.addProduct(s, b0); c11.addProduct(s, b1); c12.addProduct(s, b2); c13.addProduct(s, b3)
      s = V(repeating: aRow[2])
      c20.addProduct(s, b0); c21.addProduct(s, b1); c22.addProduct(s, b2); c23.addProduct(s, b3)
      s = V(repeating: aRow[3])
      c30.addProduct(s, b0); c31.addProduct(s, b1); c32.addProduct(s, b2); c33.addProduct(s, b3)
      s = V(repeating: aRow[4])
      c40.addProduct(s, b0); c41.addProduct(s, b1); c42.addProduct(s, b2); c43.addProduct(s, b3)
      s = V(repeating: aRow[5])
      c50.addProduct(s, b0); c51.addProduct(s, b1); c52.addProduct(s, b2); c53.addProduct(s, b3)
      aRow += a.stride
      bRow += b.stride
    }
    let out = c.pointer + r * c.stride + column
    PanelMatrix<T>.add((c00, c01, c02, c03), to: out, columns)
    PanelMatrix<T>.add((c10, c11, c12, c13), to: out + c.stride, columns)
    PanelMatrix<T>.add((c20, c21, c22, c23), to: out + 2 * c.stride, columns)
    PanelMatrix<T>.add((c30, c31, c32, c33), to: out + 3 * c.stride, columns)
    PanelMatrix<T>.add((c40, c41, c42, c43), to: out + 4 * c.stride, columns)
    PanelMatrix<T>.add((c50, c51, c52, c53), to: out + 5 * c.stride, columns)
  }

  /// Row r of C, columns `column ..< column + columns` (the last rows of an uneven block).
  @inline(__always)
  static func oneRow(
    _ a: Matrix<T>, _ r: Int, _ b: Matrix<T>, _ column: Int, _ columns: Int, into c: Matrix<T>
  ) {
    var (c0, c1, c2, c3) = (V(), V(), V(), V())
    var aRow = a.pointer + r
    var bRow = b.pointer + column
    for _ in 0..<a.rows {
      let (b0, b1, b2, b3) = load(bRow, columns)
      let s = V(repeating: aRow[0])
      c0.addProduct(s, b0); c1.addProduct(s, b1); c2.addProduct(s, b2); c3.addProduct(s, b3)
      aRow += a.stride
      bRow += b.stride
    }
    PanelMatrix<T>.add((c0, c1, c2, c3), to: c.pointer + r * c.stride + column, columns)
  }
}
