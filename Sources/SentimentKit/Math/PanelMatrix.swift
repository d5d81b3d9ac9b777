/// A fixed right-hand factor B [k, n], laid out once for products C += A·B with a narrow B: the
/// recurrent product of every step (h_{t−1} Uᵀ forward, dGH_t U backward), where U stays the same
/// for a whole batch but a BLAS call would repack it at every step, and a layer's input products
/// over all its packed rows (X Wᵀ forward, dGX W backward), where k and n are a few hundred and
/// BLAS spends much of its time packing both operands. Each row of C is computed alone, so the
/// bits do not depend on how the rows are blocked.
///
/// B is cut into panels of w columns (a `PanelRow`: 64 on AVX-512 builds, 16 on AVX2), the last
/// one padded with zeros; a panel is stored k-major, row κ of the panel being
/// B[κ, wp ..< wp + w]. The product walks A six rows at a time and keeps that 6×w block of C in
/// vector accumulators for the whole κ loop, so each loaded vector of B feeds six fused
/// multiply-adds:
///   C[r, wp + j] += Σ_κ A[r, κ] · B[κ, wp + j],   r in a block of six rows, j < w
/// (Float on AVX-512: about 150 GFLOP/s on one core, where OpenBLAS reached 80–115 on these
/// shapes, packing B each time.)
public struct PanelMatrix<T: Scalar> {
  /// Columns of one panel: one `PanelRow` (64 on AVX-512 builds, 16 on AVX2).
  static var panelWidth: Int { PanelRow<T>.width }

  /// k: rows of B.
  public let rows: Int
  /// n: columns of B.
  public let cols: Int
  private let panels: Matrix<T>  // [panelCount · k, 64]

  // Pre-specialised: generic callers (the Double cells of the gradient checks) would otherwise
  // run the vector loops through witness tables, hundreds of times slower.
  /// B = `matrix`, or its transpose when `transposed`.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public init(_ matrix: Matrix<T>, transposed: Bool = false) {
    rows = transposed ? matrix.cols : matrix.rows
    cols = transposed ? matrix.rows : matrix.cols
    let width = Self.panelWidth
    let count = (cols + width - 1) / width
    panels = Matrix(rows: count * rows, cols: width)
    let (source, stride, destination) = (matrix.pointer, matrix.stride, panels.pointer)
    for j in 0..<cols {
      let panel = destination + (j / width) * rows * width + j % width
      for κ in 0..<rows {  // B[κ, j]
        panel[κ * width] = transposed ? source[j * stride + κ] : source[κ * stride + j]
      }
    }
  }

  /// c += a · B, with a [m, k] and c [m, n].
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func multiplyAdd(_ a: Matrix<T>, into c: Matrix<T>) {
    precondition(a.cols == rows && c.rows == a.rows && c.cols == cols, "product \(a.rows)×\(a.cols) · \(rows)×\(cols) into \(c.rows)×\(c.cols)")
    let width = Self.panelWidth
    for p in 0..<(cols + width - 1) / width {
      let panel = UnsafePointer(panels.pointer + p * rows * width)
      let columns = Swift.min(width, cols - p * width)
      var r = 0
      while r + 6 <= a.rows {
        sixRows(a.pointer + r * a.stride, a.stride, panel, c.pointer + r * c.stride + p * width, c.stride, columns)
        r += 6
      }
      while r < a.rows {
        oneRow(a.pointer + r * a.stride, panel, c.pointer + r * c.stride + p * width, columns)
        r += 1
      }
    }
  }

  typealias Row = PanelRow<T>

  /// Six rows of A (row stride `lda`) against one panel, into six rows of C.
  @inline(__always)
  private func sixRows(
    _ a: UnsafeMutablePointer<T>, _ lda: Int, _ panel: UnsafePointer<T>,
    _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ columns: Int
  ) {
    var (c0, c1, c2, c3, c4, c5) = (Row.zero, Row.zero, Row.zero, Row.zero, Row.zero, Row.zero)
    // One pointer per row of A, and one into the panel moved a panel row each κ.
    let (a0, a1, a2, a3, a4, a5) = (a, a + lda, a + 2 * lda, a + 3 * lda, a + 4 * lda, a + 5 * lda)
    var b = panel
    for κ in 0..<rows {
      let bRow = Row.load(b)
      Row.addProduct(&c0, Row.V(repeating: a0[κ]), bRow)
      Row.addProduct(&c1, Row.V(repeating: a1[κ]), bRow)
      Row.addProduct(&c2, Row.V(repeating: a2[κ]), bRow)
      Row.addProduct(&c3, Row.V(repeating: a3[κ]), bRow)
      Row.addProduct(&c4, Row.V(repeating: a4[κ]), bRow)
      Row.addProduct(&c5, Row.V(repeating: a5[κ]), bRow)
      b += Self.panelWidth
    }
    Row.add(c0, to: c, columns)
    Row.add(c1, to: c + ldc, columns)
    Row.add(c2, to: c + 2 * ldc, columns)
    Row.add(c3, to: c + 3 * ldc, columns)
    Row.add(c4, to: c + 4 * ldc, columns)
    Row.add(c5, to: c + 5 * ldc, columns)
  }

  /// One row of A against one panel, into one row of C (the last rows of an uneven block).
  @inline(__always)
  private func oneRow(
    _ a: UnsafeMutablePointer<T>, _ panel: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
    _ columns: Int
  ) {
    var c0 = Row.zero
    var b = panel
    for κ in 0..<rows {
      Row.addProduct(&c0, Row.V(repeating: a[κ]), Row.load(b))
      b += Self.panelWidth
    }
    Row.add(c0, to: c, columns)
  }
}
