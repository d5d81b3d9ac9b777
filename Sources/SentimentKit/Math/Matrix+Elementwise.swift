/// Whole-matrix arithmetic in place. Each walks the rows once; shapes must agree.
extension Matrix {
  /// Applies `body` to each row as (destination row, source row) pointers with `cols` elements.
  @inlinable func forEachRow(
    with other: Matrix, _ body: (UnsafeMutablePointer<T>, UnsafeMutablePointer<T>) -> Void
  ) {
    precondition(rows == other.rows && cols == other.cols, "shape \(rows)×\(cols) vs \(other.rows)×\(other.cols)")
    let a = pointer
    let b = other.pointer
    for r in 0..<rows { body(a + r * stride, b + r * other.stride) }
  }

  /// Every element becomes `value`.
  @inlinable public func fill(_ value: T) {
    let p = pointer
    for r in 0..<rows { (p + r * stride).update(repeating: value, count: cols) }
  }

  /// self = other.
  @inlinable public func assign(_ other: Matrix) {
    let n = cols
    forEachRow(with: other) { a, b in a.update(from: b, count: n) }
  }

  /// self += α·other.
  @inlinable public func add(_ other: Matrix, scaledBy alpha: T = 1) {
    let n = cols
    forEachRow(with: other) { a, b in for j in 0..<n { a[j] += alpha * b[j] } }
  }

  /// self ⊙= other.
  @inlinable public func multiply(by other: Matrix) {
    let n = cols
    forEachRow(with: other) { a, b in for j in 0..<n { a[j] *= b[j] } }
  }

  /// self *= α.
  @inlinable public func scale(by alpha: T) {
    let p = pointer
    for r in 0..<rows { let row = p + r * stride; for j in 0..<cols { row[j] *= alpha } }
  }

  /// Adds the 1×cols row `vector` to every row (a bias broadcast).
  @inlinable public func addToEachRow(_ vector: Matrix) {
    precondition(vector.rows == 1 && vector.cols == cols, "bias 1×\(cols) expected")
    let v = vector.pointer
    let p = pointer
    for r in 0..<rows { let row = p + r * stride; for j in 0..<cols { row[j] += v[j] } }
  }

  /// Every row becomes the 1×cols row `vector`.
  @inlinable public func fillEachRow(with vector: Matrix) {
    precondition(vector.rows == 1 && vector.cols == cols, "row 1×\(cols) expected")
    let v = vector.pointer
    let p = pointer
    for r in 0..<rows { (p + r * stride).update(from: v, count: cols) }
  }

  /// vector += Σ_r self[r, ·]: the gradient of a broadcast bias.
  @inlinable public func addColumnSums(into vector: Matrix) {
    precondition(vector.rows == 1 && vector.cols == cols, "sum 1×\(cols) expected")
    let v = vector.pointer
    let p = pointer
    for r in 0..<rows { let row = p + r * stride; for j in 0..<cols { v[j] += row[j] } }
  }

  /// Σ self ⊙ other.
  @inlinable public func dot(_ other: Matrix) -> T {
    var total: T = 0
    let n = cols
    forEachRow(with: other) { a, b in for j in 0..<n { total += a[j] * b[j] } }
    return total
  }

  /// Σ self².
  @inlinable public var squaredNorm: T { dot(self) }

  /// Whether every element is finite (no NaN, no ±∞); a large matrix (an embedding gradient) is
  /// checked on all cores at once.
  public var isFinite: Bool {
    let blocks = Swift.max(1, Swift.min(Parallel.width, count >> 16))
    return Parallel.map(blocks) { k in rowsAreFinite(rows * k / blocks..<rows * (k + 1) / blocks) }
      .allSatisfy { $0 }
  }

  /// Σ x² over rows `indices` (every row when nil), accumulated in Double.
  public func sumOfSquares(rows indices: [Int]? = nil) -> Double {
    let p = pointer
    var total = 0.0
    for r in indices ?? Array(0..<rows) {
      let row = p + r * stride
      for j in 0..<cols { total += Double(row[j]) * Double(row[j]) }
    }
    return total
  }

  /// Rows `indices` multiplied by α.
  public func scale(rows indices: [Int], by alpha: T) {
    let p = pointer
    for r in indices {
      let row = p + r * stride
      for j in 0..<cols { row[j] *= alpha }
    }
  }

  /// Rows `indices` set to zero.
  public func zero(rows indices: [Int]) {
    let p = pointer
    for r in indices { (p + r * stride).update(repeating: 0, count: cols) }
  }

  /// Whether every element of rows `indices` is finite.
  public func rowsAreFinite(_ indices: some Sequence<Int>) -> Bool {
    let p = pointer
    for r in indices {
      let row = p + r * stride
      // NaN and ±∞ are the values with the all-ones exponent: the row's largest exponent field
      // tells, with no exit inside the loop, so it vectorises.
      var largest: T.RawExponent = 0
      for j in 0..<cols { largest = Swift.max(largest, row[j].exponentBitPattern) }
      if largest == T.infinity.exponentBitPattern { return false }
    }
    return true
  }

}
