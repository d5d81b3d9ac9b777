/// One row of a register block of the panel products (`PanelMatrix.multiplyAdd`,
/// `Matrix.addTransposedProduct`): the accumulators of one row of C across a panel's width, as
/// many vectors as fit six rows of them in the CPU's registers with room left for B's row and
/// A's broadcast scalar.
///
/// - AVX-512 builds (`WIDE_VECTORS`, set by Package.swift): four 16-lane vectors, 64 columns.
///   A block of six rows holds 24 of the 32 zmm registers.
/// - Other builds (AVX2): one 16-lane vector (two ymm registers), 16 columns. A block of six rows
///   holds 12 of the 16 ymm registers; with four vectors a row it would need 48, and every
///   fused multiply-add went through the stack (BiLSTM training 1.5× slower on an AVX2 EPYC;
///   Reports/avx2-panel-rows.md).
///
/// Every element of C is the same sum in the same order, Σ_κ A[r, κ] · B[κ, j] from zero, then
/// added to C, whichever width is compiled: the bits do not depend on the build.
enum PanelRow<T: Scalar> {
  typealias V = SIMD16<T>

  #if WIDE_VECTORS
    typealias Row = (V, V, V, V)
    /// Columns of one row: a panel's width.
    static var width: Int { 4 * V.scalarCount }

    /// Zeros.
    @inline(__always)
    static var zero: Row { (V(), V(), V(), V()) }

    /// p[0 ..< width], read whole.
    @inline(__always)
    static func load(_ p: UnsafePointer<T>) -> Row {
      let raw = UnsafeRawPointer(p)
      let size = MemoryLayout<V>.stride
      return (
        raw.loadUnaligned(as: V.self), raw.loadUnaligned(fromByteOffset: size, as: V.self),
        raw.loadUnaligned(fromByteOffset: 2 * size, as: V.self),
        raw.loadUnaligned(fromByteOffset: 3 * size, as: V.self)
      )
    }

    /// row += s · b, lane by lane (fused).
    @inline(__always)
    static func addProduct(_ row: inout Row, _ s: V, _ b: Row) {
      row.0.addProduct(s, b.0); row.1.addProduct(s, b.1)
      row.2.addProduct(s, b.2); row.3.addProduct(s, b.3)
    }

    /// c[0 ..< width] += x.
    @inline(__always)
    static func store(adding x: Row, to c: UnsafeMutablePointer<T>) {
      let now = load(c)
      let raw = UnsafeMutableRawPointer(c)
      let size = MemoryLayout<V>.stride
      raw.storeBytes(of: now.0 + x.0, as: V.self)
      raw.storeBytes(of: now.1 + x.1, toByteOffset: size, as: V.self)
      raw.storeBytes(of: now.2 + x.2, toByteOffset: 2 * size, as: V.self)
      raw.storeBytes(of: now.3 + x.3, toByteOffset: 3 * size, as: V.self)
    }

    /// Vector q of the row.
    @inline(__always)
    static func vector(_ x: Row, _ q: Int) -> V { q == 0 ? x.0 : q == 1 ? x.1 : q == 2 ? x.2 : x.3 }

    /// Builds a row from its vectors.
    @inline(__always)
    static func row(_ vector: (Int) -> V) -> Row { (vector(0), vector(1), vector(2), vector(3)) }
  #else
    typealias Row = V
    /// Columns of one row: a panel's width.
    static var width: Int { V.scalarCount }

    /// Zeros.
    @inline(__always)
    static var zero: Row { V() }

    /// p[0 ..< width], read whole.
    @inline(__always)
    static func load(_ p: UnsafePointer<T>) -> Row { UnsafeRawPointer(p).loadUnaligned(as: V.self) }

    /// row += s · b, lane by lane (fused).
    @inline(__always)
    static func addProduct(_ row: inout Row, _ s: V, _ b: Row) { row.addProduct(s, b) }

    /// c[0 ..< width] += x.
    @inline(__always)
    static func store(adding x: Row, to c: UnsafeMutablePointer<T>) {
      UnsafeMutableRawPointer(c).storeBytes(of: load(c) + x, as: V.self)
    }

    /// Vector q of the row.
    @inline(__always)
    static func vector(_ x: Row, _ q: Int) -> V { x }

    /// Builds a row from its vectors.
    @inline(__always)
    static func row(_ vector: (Int) -> V) -> Row { vector(0) }
  #endif

  /// p[0 ..< columns] (columns ≤ width), zeros past `columns`.
  @inline(__always)
  static func load(_ p: UnsafeMutablePointer<T>, _ columns: Int) -> Row {
    if columns == width { return load(UnsafePointer(p)) }
    let lanes = V.scalarCount
    return row { q in
      let count = Swift.max(0, Swift.min(lanes, columns - q * lanes))
      return count == 0 ? V() : p.lanes(at: q * lanes, count: count)
    }
  }

  /// c[0 ..< columns] += x[0 ..< columns] (columns ≤ width; the padded last panel writes only its
  /// real columns).
  @inline(__always)
  static func add(_ x: Row, to c: UnsafeMutablePointer<T>, _ columns: Int) {
    if columns == width { return store(adding: x, to: c) }
    let lanes = V.scalarCount
    for q in 0..<(columns + lanes - 1) / lanes {
      let v = vector(x, q)
      for l in 0..<Swift.min(lanes, columns - q * lanes) { c[q * lanes + l] += v[l] }
    }
  }
}
