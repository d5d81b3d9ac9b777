extension Array {
  /// The elements cut, in order, into consecutive pieces of `width` (the last may be shorter):
  /// how rows of class probabilities that travelled flat between ranks come back as rows.
  func chunked(into width: Int) -> [[Element]] {
    precondition(width > 0, "a piece holds at least one element")
    return stride(from: 0, to: count, by: width).map { Array(self[$0..<Swift.min(count, $0 + width)]) }
  }
}
