/// Classifying many reviews at once.
extension SentimentModel {
  /// p(pos) for each of `sequences` (token ids, lengths ≥ 1), in order. The reviews are sorted by
  /// length and classified in batches of `batchSize`, so each batch packs reviews of similar
  /// length and every step of the recurrence works on a full block of rows.
  public func probabilities(ofMany sequences: [[Int32]], batchSize: Int = 500) -> [Double] {
    precondition(batchSize > 0, "batch size must be positive")
    let order = sequences.indices.sorted { sequences[$0].count < sequences[$1].count }
    var result = [Double](repeating: 0, count: sequences.count)
    for start in stride(from: 0, to: order.count, by: batchSize) {
      let members = order[start..<min(start + batchSize, order.count)]
      let p = probabilities(of: members.map { sequences[$0] })
      for (index, probability) in zip(members, p) { result[index] = probability }
    }
    return result
  }
}
