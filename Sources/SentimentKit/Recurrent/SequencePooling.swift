/// One summary per sequence from an encoder's packed per-step output [N, F] (see `PackedLayout`):
/// a classifier's readout. Summaries are [B, F] in the layout's sorted order, like `final`.
/// For a bidirectional encoder, `.last` reads the reverse half after its first step only; its
/// `final` summary is usually what is wanted instead.
public struct SequencePooling: Sendable {
  /// Which summary, over the L_k valid steps of sequence k (o_t its output row at step t).
  public enum Mode: String, Codable, CaseIterable, Sendable {
    /// p_k = o_{L_k−1}: the last valid step.
    case last
    /// p_k = (1/L_k) Σ_t o_t.
    case mean
    /// p_kj = max_t o_tj, per feature.
    case max
  }

  /// What backward needs.
  public struct Cache: Sendable {
    let layout: PackedLayout
    let argmax: [Int]  // max: packed row of each p_kj, k-major; empty otherwise
  }

  /// The summary taken.
  public let mode: Mode

  /// A pooling of the given mode.
  public init(_ mode: Mode) { self.mode = mode }

  // Pre-specialised for Float and Double: callers that stay generic (other modules, existentials)
  // would otherwise run this loop through witness-table arithmetic, several times slower.
  /// Summaries [B, F] in sorted order from the packed output [N, F].
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func forward<T: Scalar>(_ output: Matrix<T>, layout: PackedLayout) -> (
    pooled: Matrix<T>, cache: Cache
  ) {
    precondition(output.rows == layout.rowCount, "output must have one row per packed step")
    let features = output.cols
    var argmax = [Int]()
    let pooled: Matrix<T>
    switch mode {
    case .last:
      pooled = output.gatheringRows(layout.lastRows)
    case .mean:
      pooled = Matrix(rows: layout.batchSize, cols: features)
      forEachRow(layout) { k, row in  // p_k = Σ_t o_t, then ÷ L_k
        let p = pooled.pointer + k * pooled.stride
        let o = output.pointer + row * output.stride
        for j in 0..<features { p[j] += o[j] }
      }
      for k in 0..<layout.batchSize { pooled.rows(k..<k + 1).scale(by: 1 / T(layout.lengths[k])) }
    case .max:
      pooled = output.gatheringRows(Array(0..<layout.batchSize))  // step 0 holds every sequence
      argmax = [Int](repeating: 0, count: layout.batchSize * features)
      for k in 0..<layout.batchSize { for j in 0..<features { argmax[k * features + j] = k } }
      forEachRow(layout) { k, row in
        let p = pooled.pointer + k * pooled.stride
        let o = output.pointer + row * output.stride
        for j in 0..<features where o[j] > p[j] {
          p[j] = o[j]
          argmax[k * features + j] = row
        }
      }
    }
    return (pooled, Cache(layout: layout, argmax: argmax))
  }

  // last: do_{L_k−1} = dp_k;   mean: do_t = dp_k / L_k for every valid t;   max: do_t,j = dp_kj
  // at the step that gave the maximum, zero elsewhere.
  /// dL/d(output) [N, F] from dL/d(summaries) [B, F].
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func backward<T: Scalar>(_ dPooled: Matrix<T>, cache: Cache) -> Matrix<T> {
    let layout = cache.layout
    let features = dPooled.cols
    let dOutput = Matrix<T>(rows: layout.rowCount, cols: features)
    let dp = dPooled.pointer
    let d = dOutput.pointer
    switch mode {
    case .last:
      for (k, row) in layout.lastRows.enumerated() {
        (d + row * features).update(from: dp + k * dPooled.stride, count: features)
      }
    case .mean:
      forEachRow(layout) { k, row in
        let scale = 1 / T(layout.lengths[k])
        for j in 0..<features { d[row * features + j] = dp[k * dPooled.stride + j] * scale }
      }
    case .max:
      for k in 0..<layout.batchSize {
        for j in 0..<features {
          d[cache.argmax[k * features + j] * features + j] = dp[k * dPooled.stride + j]
        }
      }
    }
    return dOutput
  }

  /// Calls `body(k, row)` for every packed row, with k its sequence's sorted index.
  private func forEachRow(_ layout: PackedLayout, _ body: (Int, Int) -> Void) {
    for t in 0..<layout.steps {
      for k in 0..<layout.batchSizes[t] { body(k, layout.offsets[t] + k) }
    }
  }
}
