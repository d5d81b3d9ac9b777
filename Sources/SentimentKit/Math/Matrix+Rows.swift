/// Row gathers and scatters: embedding look-ups and the reordering of packed sequences.
extension Matrix {
  /// A new matrix whose row i is row `indices[i]` of self; a large gather (an embedding look-up)
  /// is split over the cores.
  public func gatheringRows(_ indices: [Int]) -> Matrix {
    let result = Matrix(uninitializedRows: indices.count, cols: cols)
    let src = pointer
    let dst = result.pointer
    Parallel.forEachRange(indices.count, minimum: max(1, (1 << 16) / max(1, cols))) { range in
      for i in range {
        let r = indices[i]
        precondition(r >= 0 && r < rows, "row \(r) outside 0..<\(rows)")
        (dst + i * cols).update(from: src + r * stride, count: cols)
      }
    }
    return result
  }

  /// A new matrix whose row `indices[i]` is row i of self (the inverse of `gatheringRows` for a
  /// permutation); rows no index names stay zero.
  public func scatteringRows(_ indices: [Int], rowCount: Int) -> Matrix {
    precondition(indices.count == rows, "\(indices.count) indices for \(rows) rows")
    let result = Matrix(rows: rowCount, cols: cols)
    let src = pointer
    let dst = result.pointer
    for (i, r) in indices.enumerated() {
      precondition(r >= 0 && r < rowCount, "row \(r) outside 0..<\(rowCount)")
      (dst + r * cols).update(from: src + i * stride, count: cols)
    }
    return result
  }
}
