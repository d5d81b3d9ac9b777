/// Unrolls a cell over a packed batch (see `PackedLayout`) and back-propagates through time.
///
/// Forward, for a batch X [N, I] of N = Σ lengths packed rows:
///   GX = X Wᵀ + b_ih                      one product for every step         [N, G·H]
///   for each step t in reading order (b_t active rows):
///     GH_t = h_prev U[..<w]ᵀ + b_hh        one product per step               [b_t, G·H]
///     state_t = cell(GX_t, GH_t, state_prev)
/// (A cell that only reads GX + GH gets the sum in GX: b_hh joins GX's bias and each step's
/// product adds into GX_t; see `RecurrentCell.readsGateSum`.) The products with W and U run on
/// `PanelMatrix` copies of Wᵀ, W, U[..<w]ᵀ and U[..<w] made once per batch (BLAS would repack U
/// at every step, and on these narrow shapes spends much of its time packing X and W too).
/// Backward walks the steps in the opposite order, carrying dstate; per step the cell gives dGX_t
/// and dGH_t and dh_prev += dGH_t U[..<w]. Every `chunkRows` rows or so, over the steps just done
/// (their dGX still in cache), one product each (`addTransposedProduct` for the weights):
///   dW += dGXᵀ X,  dU[..<w] += dGHᵀ H_prev,  db_ih += Σ_rows dGX,  db_hh += Σ_rows dGH,
///   dX = dGX W.
/// With `reversed`, each sequence is read from its last valid step to its first, in place: the
/// steps are visited from the last packed step back to the first, and a sequence joins (from
/// the initial state) at its own last step, so its rows never move. Output row (t, b) is the
/// state after reading x_{L−1} … x_t, and the final state is the one at t = 0.
public struct Recurrent<Cell: RecurrentCell> {
  /// Scalar type.
  public typealias T = Cell.T

  /// The step function and its weights.
  public var cell: Cell
  /// Whether sequences are read back to front.
  public var reversed: Bool
  /// Rows back-propagated between two weight-gradient products (dW, dU, db, dX for the steps just
  /// done): about this many, so that their dGX is still in cache when the products read it.
  public var chunkRows = 512

  /// A layer running `cell` forwards, or backwards when `reversed`.
  public init(cell: Cell, reversed: Bool = false) {
    self.cell = cell
    self.reversed = reversed
  }

  /// Everything backward needs.
  public struct Cache {
    let layout: PackedLayout
    let input: Matrix<T>  // X, [N, I]
    let gx: Matrix<T>  // [N, G·H]
    let gh: Matrix<T>  // [N, G·H]
    let states: CellState<T>  // state after each packed step, [N, ·]
    let scratch: Matrix<T>  // [N, cacheWidth]
    let initial: CellState<T>  // [B, ·], sorted order
  }

  // Pre-specialised for the Float cells: the type-erased model calls these from generic code,
  // which would otherwise run the step loop through witness tables, many times slower.
  /// Runs the layer. `x` is packed [N, I]; `initial` (sorted order, [B, ·]) defaults to zeros.
  /// Returns every step's h packed [N, S] and each sequence's final state [B, ·] in sorted order.
  @_specialize(where Cell == ElmanCell<Float>)
  @_specialize(where Cell == JordanCell<Float>)
  @_specialize(where Cell == LSTMCell<Float>)
  @_specialize(where Cell == GRUCell<Float>)
  public func forward(_ x: Matrix<T>, layout: PackedLayout, initial: CellState<T>? = nil)
    -> (output: Matrix<T>, final: CellState<T>, cache: Cache)
  {
    precondition(x.rows == layout.rowCount && x.cols == cell.inputSize, "input must be [\(layout.rowCount), \(cell.inputSize)]")
    let p = cell.parameters
    let n = layout.rowCount
    let width = cell.gateWidth
    let w = cell.projectedWidth
    let initialState = initial ?? cell.zeroState(batch: layout.batchSize)
    let sum = cell.readsGateSum
    let gx = Matrix<T>(uninitializedRows: n, cols: width)
    let gh = Matrix<T>(uninitializedRows: n, cols: sum ? 0 : width)
    if sum {
      let bias = p.biasIH.copy()
      bias.add(p.biasHH)
      gx.fillEachRow(with: bias)  // GX = X Wᵀ + b_ih + b_hh
    } else {
      gx.fillEachRow(with: p.biasIH)  // GX = X Wᵀ + b_ih,  GH = b_hh + …
      gh.fillEachRow(with: p.biasHH)
    }
    PanelMatrix(p.weightIH, transposed: true).multiplyAdd(x, into: gx)  // GX += X Wᵀ
    let states = CellState(
      h: Matrix<T>(uninitializedRows: n, cols: cell.stateSize),
      c: cell.hasCellMemory ? Matrix<T>(uninitializedRows: n, cols: cell.memorySize) : nil)
    let scratch = Matrix<T>(uninitializedRows: n, cols: cell.cacheWidth)  // the cell writes it
    let uTransposed = PanelMatrix(p.weightHH.rows(0..<w), transposed: true)  // U[..<w]ᵀ
    for t in readingOrder(layout) {
      for segment in segments(t, layout) {
        let buffers = stepBuffers(segment, gx, gh, states, scratch, initialState)
        if segment.continues || initial != nil {
          // GH_t = h_prev U[..<w]ᵀ + b_hh, or added straight into GX_t when the cell reads a sum
          uTransposed.multiplyAdd(buffers.previous.h, into: (sum ? buffers.gx : buffers.gh).columns(0..<w))
        }
        cell.forward(buffers)
      }
    }
    // Each sequence's state after its last read step: its last row, or its step-0 row reversed.
    let lastRows = reversed ? Array(0..<layout.batchSize) : layout.lastRows
    let final = CellState(h: states.h.gatheringRows(lastRows), c: states.c?.gatheringRows(lastRows))
    let cache = Cache(
      layout: layout, input: x, gx: gx, gh: gh, states: states, scratch: scratch,
      initial: initialState)
    return (states.h, final, cache)
  }

  /// Each sequence's final state [B, ·] in sorted order, from the zero state: `forward` without
  /// its cache (inference reads only the summary).
  @_specialize(where Cell == ElmanCell<Float>)
  @_specialize(where Cell == JordanCell<Float>)
  @_specialize(where Cell == LSTMCell<Float>)
  @_specialize(where Cell == GRUCell<Float>)
  public func finalState(_ x: Matrix<T>, layout: PackedLayout) -> CellState<T> {
    forward(x, layout: layout).final
  }

  /// Back-propagates dL/d(output) [N, S] (nil: zero) and dL/d(final state) [B, ·] (nil: zero).
  /// Adds the weight gradients into `grads`; returns dL/dX [N, I] and dL/d(initial state).
  @_specialize(where Cell == ElmanCell<Float>)
  @_specialize(where Cell == JordanCell<Float>)
  @_specialize(where Cell == LSTMCell<Float>)
  @_specialize(where Cell == GRUCell<Float>)
  public func backward(
    dOutput: Matrix<T>?, dFinal: CellState<T>?, cache: Cache, into grads: inout Cell.Parameters
  ) -> (dInput: Matrix<T>, dInitial: CellState<T>) {
    let layout = cache.layout
    let p = cell.parameters
    let w = cell.projectedWidth
    // Two carries, read one and write the other each step. Both start as dL/d(final state): a
    // sequence's row is untouched until the step where it is read last, then carried from there.
    var carried = cell.zeroState(batch: layout.batchSize)
    var written = cell.zeroState(batch: layout.batchSize)
    if let dFinal {
      carried.assign(dFinal)
      written.assign(dFinal)
    }
    let dInitial = cell.zeroState(batch: layout.batchSize)
    // The cell writes every element of both (StepGradients).
    let dgx = Matrix<T>(uninitializedRows: layout.rowCount, cols: cell.gateWidth)
    let dgh =
      cell.readsGateSum ? dgx : Matrix<T>(uninitializedRows: layout.rowCount, cols: cell.gateWidth)
    let uProjected = PanelMatrix(p.weightHH.rows(0..<w))  // U[..<w]
    let inputWeights = PanelMatrix(p.weightIH)  // W
    let dInput = Matrix<T>(uninitializedRows: layout.rowCount, cols: cell.inputSize)
    var chunk: [Int] = []  // steps back-propagated since the last weight-gradient products
    var pendingRows = 0
    for t in readingOrder(layout).reversed() {
      let b = layout.batchSizes[t]
      let rows = layout.rows(step: t)
      if let dOutput { carried.h.rows(0..<b).add(dOutput.rows(rows)) }
      let stepSegments = segments(t, layout)
      for segment in stepSegments {
        let sequences = segment.sequences
        let gradients = StepGradients(
          dNext: carried.rows(sequences), dgx: dgx.rows(segment.rows), dgh: dgh.rows(segment.rows),
          dPrevious: written.rows(sequences))
        let buffers = stepBuffers(segment, cache.gx, cache.gh, cache.states, cache.scratch, cache.initial)
        cell.backward(buffers, gradients, into: &grads)
      }
      // dh_prev += dGH_t U
      uProjected.multiplyAdd(dgh.rows(rows).columns(0..<w), into: written.h.rows(0..<b))
      for segment in stepSegments where !segment.continues {
        dInitial.rows(segment.sequences).assign(written.rows(segment.sequences))  // d(initial state)
      }
      swap(&carried, &written)
      chunk.append(t)
      pendingRows += b
      if pendingRows >= chunkRows || t == (reversed ? layout.steps - 1 : 0) {  // or the last step
        weightGradients(steps: chunk, cache: cache, dgx: dgx, dgh: dgh, into: &grads)
        let done = packedRows(of: chunk, layout)
        dInput.rows(done).fill(0)
        inputWeights.multiplyAdd(dgx.rows(done), into: dInput.rows(done))  // dX = dGX W
        chunk.removeAll()
        pendingRows = 0
      }
    }
    return (dInput, dInitial)
  }


  /// The packed rows of consecutive steps `steps` (in either order).
  private func packedRows(of steps: [Int], _ layout: PackedLayout) -> Range<Int> {
    let (first, last) = (steps.min()!, steps.max()!)
    return layout.offsets[first]..<layout.offsets[last + 1]
  }

  /// Weight gradients of a chunk of consecutive steps, straight into `grads`; dGH is dGX when
  /// the cell reads the gate sum (the biases then get the same sums).
  private func weightGradients(
    steps: [Int], cache: Cache, dgx: Matrix<T>, dgh: Matrix<T>, into grads: inout Cell.Parameters
  ) {
    let rows = packedRows(of: steps, cache.layout)
    let w = cell.projectedWidth
    let previous = Matrix<T>(uninitializedRows: rows.count, cols: cell.stateSize)
    copyPreviousStates(cache, steps: steps, into: previous, firstRow: rows.lowerBound)
    grads.weightIH.addTransposedProduct(dgx.rows(rows), cache.input.rows(rows))  // dW += dGXᵀ X
    grads.weightHH.rows(0..<w).addTransposedProduct(
      dgh.rows(rows).columns(0..<w), previous)  // dU[..<w] += dGH[..<w]ᵀ H_prev
    dgx.rows(rows).addColumnSums(into: grads.biasIH)  // db_ih += Σ_rows dGX
    dgh.rows(rows).addColumnSums(into: grads.biasHH)  // db_hh += Σ_rows dGH
  }

  /// The packed steps in the order the layer reads them.
  private func readingOrder(_ layout: PackedLayout) -> [Int] {
    reversed ? Array((0..<layout.steps).reversed()) : Array(0..<layout.steps)
  }

  /// Rows of one packed step that start from the same kind of state: either continuing the
  /// same sequences' rows at the step read just before, or starting from the initial state.
  struct Segment {
    /// Packed rows.
    let rows: Range<Int>
    /// The same rows as sorted-sequence indices (rows of the initial state and of the carries).
    let sequences: Range<Int>
    /// Packed rows of the same sequences at the step read before; nil: the initial state.
    let previousRows: Range<Int>?
    /// Whether the rows continue from the step read before.
    var continues: Bool { previousRows != nil }
  }

  /// Step t's rows, split where the state they start from changes. Read forwards, every active
  /// sequence continues from step t − 1 (at t = 0 all start). Read backwards, the sequences
  /// still active at t + 1 continue from it and the rest (those whose last step is t) start.
  private func segments(_ t: Int, _ layout: PackedLayout) -> [Segment] {
    let b = layout.batchSizes[t]
    let neighbour = reversed ? t + 1 : t - 1
    let continuing =
      neighbour >= 0 && neighbour < layout.steps ? min(b, layout.batchSizes[neighbour]) : 0
    let (start, previous) = (layout.offsets[t], continuing > 0 ? layout.offsets[neighbour] : 0)
    var result: [Segment] = []
    if continuing > 0 {
      result.append(
        Segment(rows: start..<start + continuing, sequences: 0..<continuing, previousRows: previous..<previous + continuing))
    }
    if continuing < b {
      result.append(Segment(rows: start + continuing..<start + b, sequences: continuing..<b, previousRows: nil))
    }
    return result
  }

  /// A segment's slices of the layer's buffers.
  private func stepBuffers(
    _ segment: Segment, _ gx: Matrix<T>, _ gh: Matrix<T>, _ states: CellState<T>,
    _ scratch: Matrix<T>, _ initial: CellState<T>
  ) -> StepBuffers<T> {
    StepBuffers(
      gx: gx.rows(segment.rows), gh: gh.rows(segment.rows),
      previous: segment.previousRows.map { states.rows($0) } ?? initial.rows(segment.sequences),
      next: states.rows(segment.rows), cache: scratch.rows(segment.rows))
  }

  /// Writes H_prev of steps `steps` into `result`, whose row 0 is packed row `firstRow`: for
  /// each packed row, the h its step started from.
  private func copyPreviousStates(_ cache: Cache, steps: [Int], into result: Matrix<T>, firstRow: Int) {
    for t in steps {
      for segment in segments(t, cache.layout) {
        let source = segment.previousRows.map { cache.states.h.rows($0) } ?? cache.initial.h.rows(segment.sequences)
        result.rows(segment.rows.lowerBound - firstRow..<segment.rows.upperBound - firstRow).assign(source)
      }
    }
  }

}
