/// A set of row indices of one matrix, 0 ..< rowCount: which rows of an embedding's gradient
/// backward has written. Membership is a flag per row; the members are also listed, so clearing
/// and walking cost the number of members, not rowCount. A class: the gradient's tensors and every
/// prefixed view of them share one set.
public final class RowSet {
  /// Rows of the matrix the set indexes.
  public let rowCount: Int
  private var flags: [Bool]
  private var members: [Int] = []  // in insertion order

  /// An empty set over rows 0 ..< rowCount.
  public init(rowCount: Int) {
    self.rowCount = rowCount
    flags = [Bool](repeating: false, count: rowCount)
  }

  /// Number of rows in the set.
  public var count: Int { members.count }

  /// Whether no row is in the set.
  public var isEmpty: Bool { members.isEmpty }

  /// The rows in ascending order.
  public var sorted: [Int] { members.sorted() }

  /// The rows in the order they were added.
  public var rows: [Int] { members }

  /// Whether `row` is in the set.
  public func contains(_ row: Int) -> Bool { flags[row] }

  /// Adds `row` (a no-op when it is already there).
  public func insert(_ row: Int) {
    precondition(row >= 0 && row < rowCount, "row \(row) outside 0..<\(rowCount)")
    if !flags[row] {
      flags[row] = true
      members.append(row)
    }
  }

  /// Empties the set.
  public func removeAll() {
    for row in members { flags[row] = false }
    members.removeAll(keepingCapacity: true)
  }

  /// Makes this set hold exactly the rows of `other`, which indexes as many rows.
  public func assign(_ other: RowSet) {
    precondition(other.rowCount == rowCount, "row sets over \(other.rowCount) and \(rowCount) rows")
    removeAll()
    for row in other.members { insert(row) }
  }
}
