/// Matrix products through BLAS `gemm` (OpenBLAS for Float and Double).
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
    T.gemm(
      transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: alpha,
      a: a.pointer, lda: a.stride, b: b.pointer, ldb: b.stride, beta: beta, c: pointer, ldc: stride)
  }

  /// self += op(a)·op(b).
  @inlinable public func addProduct(
    _ a: Matrix, _ b: Matrix, transposeA ta: Bool = false, transposeB tb: Bool = false
  ) {
    setProduct(a, b, transposeA: ta, transposeB: tb, alpha: 1, beta: 1)
  }
}
