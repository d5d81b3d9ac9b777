/// How a bidirectional layer combines its two directions, both per step and for the final
/// summaries (Keras' `merge_mode`). a is the forward direction's [N, S_a], b the reverse's.
public enum MergeMode: String, Codable, CaseIterable, Sendable {
  /// [a, b] side by side: PyTorch's layout (output[..., :S] forward, [S:] reverse).
  case concat
  /// a + b.
  case sum
  /// (a + b) / 2.
  case average
  /// a ⊙ b.
  case multiply

  /// Columns of the merged matrix; all modes but `concat` need S_a = S_b.
  public func width(_ a: Int, _ b: Int) -> Int {
    precondition(
      self == .concat || a == b, "merge mode \(rawValue) needs equal widths, not \(a) and \(b)")
    return self == .concat ? a + b : a
  }

  // Pre-specialised for Float and Double: callers that stay generic (other modules, existentials)
  // would otherwise run this loop through witness-table arithmetic, several times slower.
  /// The merged matrix, fresh storage.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func merge<T: Scalar>(_ a: Matrix<T>, _ b: Matrix<T>) -> Matrix<T> {
    let merged = Matrix<T>(rows: a.rows, cols: width(a.cols, b.cols))
    switch self {
    case .concat:
      merged.columns(0..<a.cols).assign(a)
      merged.columns(a.cols..<merged.cols).assign(b)
    case .sum, .average, .multiply:
      merged.assign(a)
      if self == .multiply { merged.multiply(by: b) } else { merged.add(b) }
      if self == .average { merged.scale(by: 1 / 2) }
    }
    return merged
  }

  // concat: da, db = column halves of d;  sum: da = db = d;  average: da = db = d / 2;
  // multiply: da = d ⊙ b, db = d ⊙ a
  /// dL/da and dL/db from dL/d(merged) `d`: views of `d` for concat and sum, fresh otherwise.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func backward<T: Scalar>(_ d: Matrix<T>, _ a: Matrix<T>, _ b: Matrix<T>) -> (
    Matrix<T>, Matrix<T>
  ) {
    switch self {
    case .concat:
      return (d.columns(0..<a.cols), d.columns(a.cols..<d.cols))
    case .sum:
      return (d, d)
    case .average:
      let half = d.copy()
      half.scale(by: 1 / 2)
      return (half, half)
    case .multiply:
      let da = d.copy()
      da.multiply(by: b)
      let db = d.copy()
      db.multiply(by: a)
      return (da, db)
    }
  }
}
