/// Classifying many reviews at once.
extension SentimentModel {
  /// The class probabilities of each of `sequences` (token ids, lengths ≥ 1), in order. The reviews are sorted by
  /// length and cut into batches of `batchSize` (and `maxTokens`), so each batch packs reviews of similar length
  /// and every step of the recurrence works on a full block of rows; the batches run on all
  /// cores, one batch per core at a time, with subnormal floats flushed to zero (see
  /// `FloatingPointMode`).
  public func probabilities(
    ofMany sequences: [[Int32]], batchSize: Int = 128, maxTokens: Int = 32_768
  ) -> [[Double]] {
    precondition(batchSize > 0 && maxTokens > 0, "batch size and token limit must be positive")
    let order = sequences.indices.sorted { sequences[$0].count < sequences[$1].count }
    // At most maxTokens tokens a batch too: memory follows the tokens, however long the reviews.
    let batches = Batcher.groups(
      order, size: batchSize, maxTokens: maxTokens, length: { sequences[$0].count })
    let batchProbabilities = FloatingPointMode.withSubnormalsFlushed {
      Parallel.map(batches.count) { b in probabilities(of: batches[b].map { sequences[$0] }) }
    }
    var result = [[Double]](repeating: [], count: sequences.count)
    for (members, p) in zip(batches, batchProbabilities) {
      for (index, probability) in zip(members, p) { result[index] = probability }
    }
    return result
  }
}
