/// The weight-gradient product of a recurrent layer, C += Aᵀ B, summed over the packed rows κ of
/// a chunk of steps:
///   dW += dGXᵀ X,  dU += dGHᵀ H_prev:   C[r, j] += Σ_κ A[κ, r] · B[κ, j]
/// with A [k, m] and B [k, n] both read row by row as they lie (k ≈ 512 rows of a chunk, m the
/// gate width, n the input or state width): nothing is packed. C is walked in blocks of six rows
/// by one `PanelRow` of columns (64 on AVX-512 builds, 16 on AVX2) held in vector accumulators
/// for the whole κ loop; per κ, B's row across the block and six scalars of A's row (contiguous:
/// the block's six columns of A) feed six rows of fused multiply-adds. On these shapes (m ≤ a
/// few hundred, n ≤ a few hundred) OpenBLAS spends much of its time packing both operands: this
/// ran about 1.5× as fast here (see `sentiment bench`).
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
  typealias Row = PanelRow<T>
  /// Columns of C one block covers: one `PanelRow`, as a `PanelMatrix` panel.
  static var width: Int { Row.width }

  /// Rows r ..< r + 6 of C, columns `column ..< column + columns`.
  @inline(__always)
  static func sixRows(
    _ a: Matrix<T>, _ r: Int, _ b: Matrix<T>, _ column: Int, _ columns: Int, into c: Matrix<T>
  ) {
    var (c0, c1, c2, c3, c4, c5) = (Row.zero, Row.zero, Row.zero, Row.zero, Row.zero, Row.zero)
    var aRow = a.pointer + r
    var bRow = b.pointer + column
    for _ in 0..<a.rows {
      let bVectors = Row.load(bRow, columns)
      Row.addProduct(&c0, Row.V(repeating: aRow[0]), bVectors)
      Row.addProduct(&c1, Row.V(repeating: aRow[1]), bVectors)
      Row.addProduct(&c2, Row.V(repeating: aRow[2]), bVectors)
      Row.addProduct(&c3, Row.V(repeating: aRow[3]), bVectors)
      Row.addProduct(&c4, Row.V(repeating: aRow[4]), bVectors)
      Row.addProduct(&c5, Row.V(repeating: aRow[5]), bVectors)
      aRow += a.stride
      bRow += b.stride
    }
    let out = c.pointer + r * c.stride + column
    Row.add(c0, to: out, columns)
    Row.add(c1, to: out + c.stride, columns)
    Row.add(c2, to: out + 2 * c.stride, columns)
    Row.add(c3, to: out + 3 * c.stride, columns)
    Row.add(c4, to: out + 4 * c.stride, columns)
    Row.add(c5, to: out + 5 * c.stride, columns)
  }

  /// Row r of C, columns `column ..< column + columns` (the last rows of an uneven block).
  @inline(__always)
  static func oneRow(
    _ a: Matrix<T>, _ r: Int, _ b: Matrix<T>, _ column: Int, _ columns: Int, into c: Matrix<T>
  ) {
    var c0 = Row.zero
    var aRow = a.pointer + r
    var bRow = b.pointer + column
    for _ in 0..<a.rows {
      Row.addProduct(&c0, Row.V(repeating: aRow[0]), Row.load(bRow, columns))
      aRow += a.stride
      bRow += b.stride
    }
    Row.add(c0, to: c.pointer + r * c.stride + column, columns)
  }
}
