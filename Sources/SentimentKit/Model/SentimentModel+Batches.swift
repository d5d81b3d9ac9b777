/// Classifying many reviews at once.
extension SentimentModel {
  /// The class probabilities of each of `sequences` (token ids, lengths ≥ 1), in order. The reviews are sorted by
  /// length and cut into batches of `batchSize` (and `maxTokens`), so each batch packs reviews of similar length
  /// and every step of the recurrence works on a full block of rows; the batches run on all
  /// cores, one batch per core at a time, with subnormal floats flushed to zero (see
  /// `FloatingPointMode`). With a `communicator` the batches are dealt among the job's ranks
  /// (`Shard`), each rank runs its own, and every rank gets every probability: the same batches
  /// as one process, so the same figures.
  public func probabilities(
    ofMany sequences: [[Int32]], batchSize: Int = 128, maxTokens: Int = 32_768,
    communicator: Communicator? = nil
  ) -> [[Double]] {
    precondition(batchSize > 0 && maxTokens > 0, "batch size and token limit must be positive")
    let order = sequences.indices.sorted { sequences[$0].count < sequences[$1].count }
    // At most maxTokens tokens a batch too: memory follows the tokens, however long the reviews.
    let batches = Batcher.groups(
      order, size: batchSize, maxTokens: maxTokens, length: { sequences[$0].count })
    let shard = Shard(count: batches.count, ranks: communicator?.size ?? 1)
    let mine = shard.members(of: communicator?.rank ?? 0)
    let ownProbabilities = FloatingPointMode.withSubnormalsFlushed {
      Parallel.map(mine.count) { k in probabilities(of: batches[mine[k]].map { sequences[$0] }) }
    }
    let classes = config.classCount
    let batchProbabilities =
      communicator.map { communicator in
        // Each rank's batches' probabilities in one array (sequence by sequence, class by
        // class), cut back into its batches.
        let everyRank = communicator.allGather(ownProbabilities.flatMap { $0.flatMap { $0 } })
        return shard.reassemble(
          everyRank.enumerated().map { rank, flat in
            var rest = flat[...]
            return shard.members(of: rank).map { b in
              defer { rest = rest.dropFirst(batches[b].count * classes) }
              return Array(rest.prefix(batches[b].count * classes)).chunked(into: classes)
            }
          })
      } ?? ownProbabilities
    var result = [[Double]](repeating: [], count: sequences.count)
    for (members, p) in zip(batches, batchProbabilities) {
      for (index, probability) in zip(members, p) { result[index] = probability }
    }
    return result
  }
}
