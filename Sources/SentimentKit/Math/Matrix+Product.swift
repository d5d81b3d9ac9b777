/// Matrix products through BLAS `gemm` (OpenBLAS for Float and Double, always on one thread of
/// its own). A large product is cut into row blocks of C that run at once on our threads: how
/// many blocks follows from the product's shape alone, never from the machine or the environment,
/// so a product gives the same bits wherever it runs (inside a `Parallel` piece the same blocks
/// run one after another).
extension Matrix {
  /// self = α·op(a)·op(b) + β·self, where op(x) is x or xᵀ.
  @inlinable public func setProduct(
    _ a: Matrix, _ b: Matrix, transposeA ta: Bool = false, transposeB tb: Bool = false,
    alpha: T = 1, beta: T = 0
  ) {
    let m = ta ? a.cols : a.rows
    let k = ta ? a.rows : a.cols
    let kb = tb ? b.cols : b.rows
    let n = tb ? b.rows : b.cols
    precondition(k == kb && m == rows && n == cols, "product \(m)×\(k) · \(kb)×\(n) into \(rows)×\(cols)")
    guard m > 0 && n > 0 else { return }
    guard k > 0 else {
      if beta == 0 { fill(0) } else if beta != 1 { scale(by: beta) }
      return
    }
    BLAS.prepare()
    let blocks = productBlocks(m: m, n: n, k: k)
    // Rows r of C = α·op(A)[r]·op(B) + β·C[r]: op(A)'s rows r are A's rows r, or A's columns r.
    func block(_ r: Range<Int>) {
      let aStart = ta ? a.pointer + r.lowerBound : a.pointer + r.lowerBound * a.stride
      T.gemm(
        transposeA: ta, transposeB: tb, m: r.count, n: n, k: k, alpha: alpha,
        a: aStart, lda: a.stride, b: b.pointer, ldb: b.stride, beta: beta,
        c: pointer + r.lowerBound * stride, ldc: stride)
    }
    if blocks == 1 {
      block(0..<m)
    } else {
      _ = Parallel.map(blocks) { j in block(m * j / blocks..<m * (j + 1) / blocks) }
    }
  }

  /// self += op(a)·op(b).
  @inlinable public func addProduct(
    _ a: Matrix, _ b: Matrix, transposeA ta: Bool = false, transposeB tb: Bool = false
  ) {
    setProduct(a, b, transposeA: ta, transposeB: tb, alpha: 1, beta: 1)
  }

  /// How many row blocks an m×k · k×n product is cut into: 1 below about 4 million
  /// multiply-adds (where a second thread costs more than it saves), else 2 or 4, each block at
  /// least 32 rows. A function of the shape alone (see the type's comment).
  @inlinable func productBlocks(m: Int, n: Int, k: Int) -> Int {
    let work = m.multipliedReportingOverflow(by: n).partialValue.multipliedReportingOverflow(by: k)
    let multiplyAdds = work.overflow ? Int.max : work.partialValue
    if multiplyAdds < 1 << 22 || m < 64 { return 1 }
    return multiplyAdds >= 1 << 24 && m >= 128 ? 4 : 2
  }
}
