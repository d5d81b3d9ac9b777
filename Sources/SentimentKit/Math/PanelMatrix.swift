/// A fixed right-hand factor B [k, n], laid out once for products C += A·B with a narrow B: the
/// recurrent product of every step (h_{t−1} Uᵀ forward, dGH_t U backward), where U stays the same
/// for a whole batch but a BLAS call would repack it at every step, and a layer's input products
/// over all its packed rows (X Wᵀ forward, dGX W backward), where k and n are a few hundred and
/// BLAS spends much of its time packing both operands. Each row of C is computed alone, so the
/// bits do not depend on how the rows are blocked.
///
/// B is cut into panels of 64 columns, the last one padded with zeros; a panel is stored k-major,
/// row κ of the panel being B[κ, 64p ..< 64p + 64] as four 16-wide vectors. The product walks A
/// six rows at a time and keeps that 6×64 block of C in 24 vector accumulators for the whole κ
/// loop, so each loaded vector of B feeds six fused multiply-adds:
///   C[r, 64p + j] += Σ_κ A[r, κ] · B[κ, 64p + j],   r in a block of six rows, j < 64
/// (Float on AVX-512: 16 lanes, one register per vector; about 150 GFLOP/s on one core here,
/// where OpenBLAS reached 80–115 on these shapes, packing B each time.)
public struct PanelMatrix<T: Scalar> {
  /// Columns of one panel.
  static var panelWidth: Int { 64 }

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

  typealias V = SIMD16<T>

  /// Four consecutive vectors of a panel row.
  @inline(__always)
  private static func load(_ p: UnsafePointer<T>) -> (V, V, V, V) {
    let raw = UnsafeRawPointer(p)
    let size = MemoryLayout<V>.stride
    return (
      raw.loadUnaligned(as: V.self), raw.loadUnaligned(fromByteOffset: size, as: V.self),
      raw.loadUnaligned(fromByteOffset: 2 * size, as: V.self),
      raw.loadUnaligned(fromByteOffset: 3 * size, as: V.self)
    )
  }

  /// c[0 ..< columns] += (x0, x1, x2, x3): a block's row of accumulators into C (also
  /// `Matrix.addTransposedProduct`'s).
  @inline(__always)
  static func add(_ x: (V, V, V, V), to c: UnsafeMutablePointer<T>, _ columns: Int) {
    if columns == panelWidth {
      let (c0, c1, c2, c3) = load(c)
      let raw = UnsafeMutableRawPointer(c)
      let size = MemoryLayout<V>.stride
      raw.storeBytes(of: c0 + x.0, as: V.self)
      raw.storeBytes(of: c1 + x.1, toByteOffset: size, as: V.self)
      raw.storeBytes(of: c2 + x.2, toByteOffset: 2 * size, as: V.self)
      raw.storeBytes(of: c3 + x.3, toByteOffset: 3 * size, as: V.self)
    } else {  // the padded last panel: only its real columns
      let lanes = V.scalarCount
      for q in 0..<(columns + lanes - 1) / lanes {
        let v = q == 0 ? x.0 : q == 1 ? x.1 : q == 2 ? x.2 : x.3
        for l in 0..<Swift.min(lanes, columns - q * lanes) { c[q * lanes + l] += v[l] }
      }
    }
  }

  /// Six rows of A (row stride `lda`) against one panel, into six rows of C.
  @inline(__always)
  private func sixRows(
    _ a: UnsafeMutablePointer<T>, _ lda: Int, _ panel: UnsafePointer<T>,
    _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ columns: Int
  ) {
    var (c00, c01, c02, c03) = (V(), V(), V(), V())
    var (c10, c11, c12, c13) = (V(), V(), V(), V())
    var (c20, c21, c22, c23) = (V(), V(), V(), V())
    var (c30, c31, c32, c33) = (V(), V(), V(), V())
    var (c40, c41, c42, c43) = (V(), V(), V(), V())
    var (c50, c51, c52, c53) = (V(), V(), V(), V())
    for κ in 0..<rows {
      let (b0, b1, b2, b3) = Self.load(panel + κ * Self.panelWidth)
      var s = V(repeating: a[κ])
      c00.addProduct(s, b0); c01.addProduct(s, b1); c02.addProduct(s, b2); c03.addProduct(s, b3)
      s = V(repeating: a[lda + κ])
      c10.addProduct(s, b0); c11.addProduct(s, b1); c12.addProduct(s, b2); c13.addProduct(s, b3)
      s = V(repeating: a[2 * lda + κ])
      c20.addProduct(s, b0); c21.addProduct(s, b1); c22.addProduct(s, b2); c23.addProduct(s, b3)
      s = V(repeating: a[3 * lda + κ])
      c30.addProduct(s, b0); c31.addProduct(s, b1); c32.addProduct(s, b2); c33.addProduct(s, b3)
      s = V(repeating: a[4 * lda + κ])
      c40.addProduct(s, b0); c41.addProduct(s, b1); c42.addProduct(s, b2); c43.addProduct(s, b3)
      s = V(repeating: a[5 * lda + κ])
      c50.addProduct(s, b0); c51.addProduct(s, b1); c52.addProduct(s, b2); c53.addProduct(s, b3)
    }
    Self.add((c00, c01, c02, c03), to: c, columns)
    Self.add((c10, c11, c12, c13), to: c + ldc, columns)
    Self.add((c20, c21, c22, c23), to: c + 2 * ldc, columns)
    Self.add((c30, c31, c32, c33), to: c + 3 * ldc, columns)
    Self.add((c40, c41, c42, c43), to: c + 4 * ldc, columns)
    Self.add((c50, c51, c52, c53), to: c + 5 * ldc, columns)
  }

  /// One row of A against one panel, into one row of C (the last rows of an uneven block).
  @inline(__always)
  private func oneRow(
    _ a: UnsafeMutablePointer<T>, _ panel: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
    _ columns: Int
  ) {
    var (c0, c1, c2, c3) = (V(), V(), V(), V())
    for κ in 0..<rows {
      let (b0, b1, b2, b3) = Self.load(panel + κ * Self.panelWidth)
      let s = V(repeating: a[κ])
      c0.addProduct(s, b0); c1.addProduct(s, b1); c2.addProduct(s, b2); c3.addProduct(s, b3)
    }
    Self.add((c0, c1, c2, c3), to: c, columns)
  }
}
