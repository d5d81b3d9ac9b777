/// Rows of a sparse matrix in compressed-row form (CSR): row i holds the pairs
/// (columns[k], values[k]) for k in rowStarts[i] ..< rowStarts[i + 1], columns ascending within a
/// row. The feature vectors of the linear models: one row per review, one column per n-gram.
public struct SparseRows: Sendable, Equatable {
  /// Number of columns (features); every stored column is below it.
  public let columnCount: Int
  /// Where each row starts in `columns` and `values`, with the end as the last element.
  public private(set) var rowStarts: [Int] = [0]
  /// Column of each stored entry.
  public private(set) var columns: [Int32] = []
  /// Value of each stored entry.
  public private(set) var values: [Float] = []

  /// An empty matrix of `columnCount` columns.
  public init(columnCount: Int) {
    precondition(columnCount >= 0, "columnCount must not be negative")
    self.columnCount = columnCount
  }

  /// Number of rows.
  public var rowCount: Int { rowStarts.count - 1 }

  /// Stored entries in all rows.
  public var entryCount: Int { columns.count }

  /// Appends a row of (column, value) pairs; the columns must ascend and be below `columnCount`.
  public mutating func append<Pairs: Sequence<(Int32, Float)>>(row pairs: Pairs) {
    var previous: Int32 = -1
    for (column, value) in pairs {
      precondition(column > previous && Int(column) < columnCount, "columns must ascend in range")
      previous = column
      columns.append(column)
      values.append(value)
    }
    rowStarts.append(columns.count)
  }

  /// The entry range of row `i`.
  public func range(ofRow i: Int) -> Range<Int> { rowStarts[i]..<rowStarts[i + 1] }

  /// The rows at `indices`, in that order.
  public func subset(_ indices: [Int]) -> SparseRows {
    var result = SparseRows(columnCount: columnCount)
    for i in indices {
      let r = range(ofRow: i)
      result.columns += columns[r]
      result.values += values[r]
      result.rowStarts.append(result.columns.count)
    }
    return result
  }
}
