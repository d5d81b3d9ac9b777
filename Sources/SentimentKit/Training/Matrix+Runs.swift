extension Matrix {
  /// Calls `body` with a start pointer into each of `matrices` (all of one shape) and a length,
  /// over runs of elements contiguous in all of them: one run when every matrix is contiguous,
  /// else one per row. The optimizers' update loops are written over such runs. With
  /// `concurrently`, a long run is cut into one piece per core and the pieces run at once
  /// (`Parallel`): only for a body whose elements are independent of each other.
  static func forEachRun(
    _ matrices: [Matrix], concurrently: Bool = false,
    _ body: ([UnsafeMutablePointer<T>], Int) -> Void
  ) {
    let first = matrices[0]
    precondition(
      matrices.allSatisfy { $0.rows == first.rows && $0.cols == first.cols },
      "shapes differ: \(matrices.map { "\($0.rows)×\($0.cols)" })")
    if matrices.allSatisfy(\.isContiguous) {
      let pointers = matrices.map(\.pointer)
      Parallel.forEachRange(first.count, minimum: concurrently ? 1 << 15 : .max) { range in
        body(pointers.map { $0 + range.lowerBound }, range.count)
      }
    } else {
      for r in 0..<first.rows { body(matrices.map { $0.pointer + r * $0.stride }, first.cols) }
    }
  }
}
