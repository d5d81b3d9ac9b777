extension Matrix {
  /// Calls `body` with a start pointer into each of `matrices` (all of one shape) and a length,
  /// over runs of elements contiguous in all of them: one run when every matrix is contiguous,
  /// else one per row. The optimizers' update loops are written over such runs.
  static func forEachRun(_ matrices: [Matrix], _ body: ([UnsafeMutablePointer<T>], Int) -> Void) {
    let first = matrices[0]
    precondition(
      matrices.allSatisfy { $0.rows == first.rows && $0.cols == first.cols },
      "shapes differ: \(matrices.map { "\($0.rows)×\($0.cols)" })")
    if matrices.allSatisfy(\.isContiguous) {
      body(matrices.map(\.pointer), first.count)
    } else {
      for r in 0..<first.rows { body(matrices.map { $0.pointer + r * $0.stride }, first.cols) }
    }
  }
}
