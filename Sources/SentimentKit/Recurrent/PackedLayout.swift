/// How a batch of variable-length sequences is packed into one matrix, time-major and without
/// padding (PyTorch's PackedSequence): sequences are sorted by length, longest first, so at step t
/// the active sequences are the first `batchSizes[t]`; step t's rows are
/// `offsets[t] ..< offsets[t] + batchSizes[t]`, one per active sequence, in sorted order.
/// Padded steps have no row at all, so they cost nothing and change nothing.
public struct PackedLayout: Equatable, Sendable {
  /// Length of each sequence, in sorted (descending) order.
  public let lengths: [Int]
  /// `order[k]`: the caller's index of the k-th sorted sequence (a stable sort).
  public let order: [Int]
  /// Number of sequences active at each step.
  public let batchSizes: [Int]
  /// First packed row of each step; `offsets[steps]` is the total row count.
  public let offsets: [Int]

  /// Sorts `lengths` (in the caller's order); every length must be at least 1.
  public init(lengths callerLengths: [Int]) {
    precondition(!callerLengths.isEmpty, "a batch needs at least one sequence")
    precondition(callerLengths.allSatisfy { $0 >= 1 }, "sequence lengths must be ≥ 1: \(callerLengths)")
    let order = callerLengths.indices.sorted {
      callerLengths[$0] != callerLengths[$1] ? callerLengths[$0] > callerLengths[$1] : $0 < $1
    }
    let lengths = order.map { callerLengths[$0] }
    var batchSizes = [Int](repeating: 0, count: lengths[0])
    for length in lengths { for t in 0..<length { batchSizes[t] += 1 } }
    var offsets = [0]
    for size in batchSizes { offsets.append(offsets.last! + size) }
    self.lengths = lengths
    self.order = order
    self.batchSizes = batchSizes
    self.offsets = offsets
  }

  /// Number of sequences.
  public var batchSize: Int { lengths.count }
  /// Longest length: the number of steps.
  public var steps: Int { batchSizes.count }
  /// Total packed rows: Σ lengths.
  public var rowCount: Int { offsets[steps] }

  /// Packed rows of step t: one per sequence still active.
  @inlinable public func rows(step t: Int) -> Range<Int> { offsets[t]..<offsets[t + 1] }

  /// Packed row of sorted sequence k at step t (t < lengths[k]).
  @inlinable public func row(sequence k: Int, step t: Int) -> Int { offsets[t] + k }

  /// Packed row of each sorted sequence's last valid step.
  public var lastRows: [Int] { lengths.indices.map { row(sequence: $0, step: lengths[$0] - 1) } }

  /// Token ids (`sequences` in the caller's order, lengths as given to `init`) in packed order:
  /// step by step, the active sequences in sorted order.
  public func packing(_ sequences: [[Int32]]) -> [Int32] {
    var ids = [Int32]()
    ids.reserveCapacity(rowCount)
    for t in 0..<steps {
      for k in 0..<batchSizes[t] { ids.append(sequences[order[k]][t]) }
    }
    return ids
  }

  /// Packs a batch-first padded tensor, row b holding sequence b (caller's order) as `steps`
  /// consecutive blocks of `features` values, into [rowCount, features].
  public func pack<T: Scalar>(batchFirst padded: Matrix<T>, features: Int) -> Matrix<T> {
    precondition(padded.rows == batchSize && padded.cols % features == 0 && padded.cols / features >= steps)
    let packed = Matrix<T>(rows: rowCount, cols: features)
    for k in 0..<batchSize {
      let b = order[k]
      for t in 0..<lengths[k] {
        packed.rows(row(sequence: k, step: t)..<row(sequence: k, step: t) + 1)
          .assign(padded.rows(b..<b + 1).columns(t * features..<(t + 1) * features))
      }
    }
    return packed
  }

  /// The inverse of `pack`: a batch-first [batchSize, paddedSteps · features] tensor in the
  /// caller's order, zero at padded steps.
  public func unpack<T: Scalar>(_ packed: Matrix<T>, paddedSteps: Int? = nil) -> Matrix<T> {
    let features = packed.cols
    let stepsOut = paddedSteps ?? steps
    precondition(packed.rows == rowCount && stepsOut >= steps)
    let padded = Matrix<T>(rows: batchSize, cols: stepsOut * features)
    for k in 0..<batchSize {
      let b = order[k]
      for t in 0..<lengths[k] {
        padded.rows(b..<b + 1).columns(t * features..<(t + 1) * features)
          .assign(packed.rows(row(sequence: k, step: t)..<row(sequence: k, step: t) + 1))
      }
    }
    return padded
  }

  /// Rows of a [batchSize, ·] matrix in the caller's order → sorted order.
  public func sorting<T: Scalar>(_ m: Matrix<T>) -> Matrix<T> { m.gatheringRows(order) }

  /// Rows of a [batchSize, ·] matrix in sorted order → the caller's order.
  public func unsorting<T: Scalar>(_ m: Matrix<T>) -> Matrix<T> {
    m.scatteringRows(order, rowCount: batchSize)
  }
}
