/// Sums one batch's gradients across the ranks that shared it, so every rank ends with the
/// gradient the whole batch gives one process and takes the same optimizer step.
///
/// Rank r computed g_r = ∇ (mean loss over its n_r reviews) of a batch of B; the batch's gradient
/// is the mean over all B reviews:
///   g = Σ_r (n_r / B) · g_r          (`weight` = n_r / B, the sum in rank order)
/// A tensor that records its touched rows (the embedding) travels as rows: the union of every
/// rank's touched row ids first, then only those rows (ascending), each rank sending zeros for
/// union rows it did not touch; afterwards the gradient holds the union as its touched rows.
/// Every other tensor travels whole. All of it goes in one `Communicator.sum`.
public struct GradientReducer {
  /// The job's ranks.
  public let communicator: Communicator

  /// A reducer over `communicator`'s ranks.
  public init(communicator: Communicator) {
    self.communicator = communicator
  }

  /// Replaces `gradients` (this rank's g_r) by Σ_r weight_r · g_r on every rank.
  public func reduce(_ gradients: ParameterList<Float>, weight: Float) {
    let tensors = gradients.namedTensors
    let rows: [[Int]] = tensors.map { tensor in
      guard let touched = tensor.touchedRows else { return Array(0..<tensor.value.rows) }
      let everyRank = communicator.allGather(touched.rows.map(Int32.init))
      return Set(everyRank.joined()).map(Int.init).sorted()
    }
    var sent: [Float] = []
    sent.reserveCapacity(zip(tensors, rows).reduce(0) { $0 + $1.1.count * $1.0.value.cols })
    for (tensor, rows) in zip(tensors, rows) {
      let m = tensor.value
      for r in rows {
        let row = UnsafeBufferPointer(start: m.pointer + r * m.stride, count: m.cols)
        sent.append(contentsOf: row.lazy.map { $0 * weight })
      }
    }
    let total = communicator.sum(sent)
    var offset = 0
    for (tensor, rows) in zip(tensors, rows) {
      let m = tensor.value
      for r in rows {
        total[offset..<offset + m.cols].withUnsafeBufferPointer { row in
          _ = UnsafeMutableBufferPointer(start: m.pointer + r * m.stride, count: m.cols)
            .update(fromContentsOf: row)
        }
        offset += m.cols
      }
      if let touched = tensor.touchedRows {
        touched.removeAll()
        for r in rows { touched.insert(r) }
      }
    }
  }
}
