import SentimentKit

extension SparseRows {
  /// A matrix of `columns` columns with these rows of (column, value) pairs.
  init(_ pairs: [[(Int32, Float)]], columns: Int) {
    self.init(columnCount: columns)
    for row in pairs { append(row: row) }
  }
}
