/// A batch of encoded reviews as `Batcher` makes it: the token ids of each (unpadded), their
/// lengths, labels, and positions in the batcher's input.
public struct Batch: Sendable, Equatable {
  /// Each sequence's ids after truncation, without padding.
  public let ids: [[Int32]]
  /// Each sequence's length (`ids[i].count`, at least 1).
  public let lengths: [Int]
  /// Each sequence's class index: 0 neg, 1 pos.
  public let labels: [Int]
  /// Each sequence's position in the batcher's input.
  public let indices: [Int]
  /// Where `padded()` puts the padding.
  public let padding: Batcher.Side

  /// A batch of `ids` with their `labels` and input positions `indices`.
  public init(ids: [[Int32]], labels: [Int], indices: [Int], padding: Batcher.Side) {
    self.ids = ids
    self.lengths = ids.map(\.count)
    self.labels = labels
    self.indices = indices
    self.padding = padding
  }

  /// Number of sequences in the batch.
  public var count: Int { ids.count }

  /// The longest length: the width of `padded()`.
  public var maxLength: Int { lengths.max() ?? 0 }

  /// The ids as one row-major [count, maxLength] array, each row filled with `padID` on the
  /// `padding` side.
  public func padded(with padID: Int32 = Vocabulary.padID) -> [Int32] {
    let width = maxLength
    var values = [Int32](repeating: padID, count: count * width)
    for (row, sequence) in ids.enumerated() {
      let start = row * width + (padding == .pre ? width - sequence.count : 0)
      values.replaceSubrange(start..<(start + sequence.count), with: sequence)
    }
    return values
  }
}
