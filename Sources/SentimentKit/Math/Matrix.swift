/// A row-major matrix view: `rows × cols` elements, row r starting `r · stride` elements after
/// the first. Views share storage and do not copy, so a `Matrix` behaves like a tensor handle
/// (PyTorch's `Tensor`): writing through one view is seen through every view of the same storage.
/// `copy()` makes an independent matrix.
public struct Matrix<T: Scalar> {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let cols: Int
  /// Elements from one row to the next (≥ `cols`; `cols` when the rows are contiguous).
  public let stride: Int
  /// The shared block this view reads and writes.
  public let storage: MatrixStorage<T>
  /// Index of element (0, 0) in `storage`.
  public let offset: Int

  /// A new matrix of zeros.
  public init(rows: Int, cols: Int) {
    precondition(rows >= 0 && cols >= 0, "matrix shape must be non-negative")
    self.init(rows: rows, cols: cols, stride: cols, storage: MatrixStorage(count: rows * cols), offset: 0)
  }

  /// A new matrix whose elements are undefined, for a buffer the caller overwrites completely
  /// before reading it (no zeroing pass).
  init(uninitializedRows rows: Int, cols: Int) {
    precondition(rows >= 0 && cols >= 0, "matrix shape must be non-negative")
    self.init(
      rows: rows, cols: cols, stride: cols,
      storage: MatrixStorage(uninitializedCount: rows * cols), offset: 0)
  }

  /// A new matrix holding `data` row by row; `data.count` must be `rows · cols`.
  public init(rows: Int, cols: Int, data: [T]) {
    precondition(data.count == rows * cols, "\(data.count) values do not fill \(rows)×\(cols)")
    self.init(rows: rows, cols: cols)
    data.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: data.count) }
  }

  /// A new matrix with every element `value`.
  public init(rows: Int, cols: Int, repeating value: T) {
    self.init(rows: rows, cols: cols)
    fill(value)
  }

  /// A view of existing storage.
  public init(rows: Int, cols: Int, stride: Int, storage: MatrixStorage<T>, offset: Int) {
    precondition(stride >= cols && offset >= 0)
    precondition(rows == 0 || offset + (rows - 1) * stride + cols <= storage.count)
    self.rows = rows
    self.cols = cols
    self.stride = stride
    self.storage = storage
    self.offset = offset
  }

  /// Element (0, 0). Valid while this matrix (or another view of its storage) is alive: use it
  /// inside a function that holds the matrix, never store it.
  @inlinable public var pointer: UnsafeMutablePointer<T> { storage.pointer + offset }

  /// `rows · cols`.
  @inlinable public var count: Int { rows * cols }

  /// Whether the rows follow each other with no gap, so the view is one block of `count` elements.
  @inlinable public var isContiguous: Bool { stride == cols || rows <= 1 }

  /// The element at row `r`, column `c`.
  @inlinable public subscript(r: Int, c: Int) -> T {
    get {
      precondition(r >= 0 && r < rows && c >= 0 && c < cols, "index (\(r), \(c)) outside \(rows)×\(cols)")
      return pointer[r * stride + c]
    }
    nonmutating set {
      precondition(r >= 0 && r < rows && c >= 0 && c < cols, "index (\(r), \(c)) outside \(rows)×\(cols)")
      pointer[r * stride + c] = newValue
    }
  }

  /// Rows `range` as a view.
  @inlinable public func rows(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) outside 0..<\(rows)")
    return Matrix(
      rows: range.count, cols: cols, stride: stride, storage: storage,
      offset: offset + range.lowerBound * stride)
  }

  /// Columns `range` as a view (rows keep their stride).
  @inlinable public func columns(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= cols, "columns \(range) outside 0..<\(cols)")
    return Matrix(
      rows: rows, cols: range.count, stride: stride, storage: storage,
      offset: offset + range.lowerBound)
  }

  /// The same contiguous elements seen as `rows × cols`.
  public func reshaped(rows newRows: Int, cols newCols: Int) -> Matrix {
    precondition(isContiguous && newRows * newCols == count, "cannot reshape \(rows)×\(cols) to \(newRows)×\(newCols)")
    return Matrix(rows: newRows, cols: newCols, stride: newCols, storage: storage, offset: offset)
  }

  /// An independent contiguous copy.
  public func copy() -> Matrix {
    let result = Matrix(rows: rows, cols: cols)
    result.assign(self)
    return result
  }

  /// The elements row by row.
  public var scalars: [T] {
    var out = [T]()
    out.reserveCapacity(count)
    for r in 0..<rows { out.append(contentsOf: UnsafeBufferPointer(start: pointer + r * stride, count: cols)) }
    return out
  }
}

extension Matrix: CustomStringConvertible {
  /// Shape and elements, one row a line.
  public var description: String {
    var lines = ["Matrix \(rows)×\(cols)"]
    for r in 0..<rows { lines.append((0..<cols).map { "\(self[r, $0])" }.joined(separator: " ")) }
    return lines.joined(separator: "\n")
  }
}
