/// Unrolls a cell over a packed batch (see `PackedLayout`) and back-propagates through time.
///
/// Forward, for a batch X [N, I] of N = Σ lengths packed rows:
///   GX = X Wᵀ + b_ih                      one GEMM for every step            [N, G·H]
///   for t = 0 … T−1 (b_t active rows):
///     GH_t = h_{t−1} U[..<w]ᵀ + b_hh      one GEMM per step                  [b_t, G·H]
///     state_t = cell(GX_t, GH_t, state_{t−1})
/// (A cell that only reads GX + GH gets the sum in GX: b_hh joins GX's bias and each step's
/// product adds into GX_t; see `RecurrentCell.readsGateSum`.) The per-step products run on
/// `PanelMatrix` copies of U[..<w]ᵀ and U[..<w] made once per batch (BLAS would repack U at
/// every step).
/// Backward walks the steps in reverse, carrying dstate; per step the cell gives dGX_t and dGH_t
/// and dh_{t−1} += dGH_t U[..<w]. After the loop, one GEMM each:
///   dW += dGXᵀ X,  dU[..<w] += dGHᵀ H_prev,  db_ih += Σ_rows dGX,  db_hh += Σ_rows dGH,
///   dX = dGX W.
/// With `reversed`, each sequence is read from its last valid step to its first; outputs are
/// returned at the original positions, so output row (t, b) is the state after reading x_t … x_{L−1}.
public struct Recurrent<Cell: RecurrentCell> {
  /// Scalar type.
  public typealias T = Cell.T

  /// The step function and its weights.
  public var cell: Cell
  /// Whether sequences are read back to front.
  public var reversed: Bool

  /// A layer running `cell` forwards, or backwards when `reversed`.
  public init(cell: Cell, reversed: Bool = false) {
    self.cell = cell
    self.reversed = reversed
  }

  /// Everything backward needs.
  public struct Cache {
    let layout: PackedLayout
    let input: Matrix<T>  // X in processing order, [N, I]
    let gx: Matrix<T>  // [N, G·H]
    let gh: Matrix<T>  // [N, G·H]
    let states: CellState<T>  // state after each packed step, [N, ·]
    let scratch: Matrix<T>  // [N, cacheWidth]
    let initial: CellState<T>  // [B, ·], sorted order
    let reversal: [Int]?  // packed-row permutation when reversed
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
    let (output, final, cache) = unroll(x, layout: layout, initial: initial, assemblingOutput: true)
    guard let output else { preconditionFailure("the output was assembled") }
    return (output, final, cache)
  }

  /// Each sequence's final state [B, ·] in sorted order, from the zero state: `forward` without
  /// putting the per-step output in the caller's order (inference reads only the summary).
  @_specialize(where Cell == ElmanCell<Float>)
  @_specialize(where Cell == JordanCell<Float>)
  @_specialize(where Cell == LSTMCell<Float>)
  @_specialize(where Cell == GRUCell<Float>)
  public func finalState(_ x: Matrix<T>, layout: PackedLayout) -> CellState<T> {
    unroll(x, layout: layout, initial: nil, assemblingOutput: false).final
  }

  /// The forward pass; the per-step output (read back in the caller's order when reversed) only
  /// when `assemblingOutput`.
  private func unroll(
    _ x: Matrix<T>, layout: PackedLayout, initial: CellState<T>?, assemblingOutput: Bool
  ) -> (output: Matrix<T>?, final: CellState<T>, cache: Cache) {
    precondition(x.rows == layout.rowCount && x.cols == cell.inputSize, "input must be [\(layout.rowCount), \(cell.inputSize)]")
    let p = cell.parameters
    let reversal = reversed ? layout.reversalRows : nil
    let input = reversal.map { x.gatheringRows($0) } ?? x
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
    gx.addProduct(input, p.weightIH, transposeB: true)
    let states = CellState(
      h: Matrix<T>(uninitializedRows: n, cols: cell.stateSize),
      c: cell.hasCellMemory ? Matrix<T>(uninitializedRows: n, cols: cell.memorySize) : nil)
    let scratch = Matrix<T>(rows: n, cols: cell.cacheWidth)
    let uTransposed = PanelMatrix(p.weightHH.rows(0..<w), transposed: true)  // U[..<w]ᵀ
    for t in 0..<layout.steps {
      let buffers = stepBuffers(t, layout, gx, gh, states, scratch, initialState)
      if t > 0 || initial != nil {
        // GH_t = h_{t−1} U[..<w]ᵀ + b_hh, or added straight into GX_t when the cell reads a sum
        uTransposed.multiplyAdd(buffers.previous.h, into: (sum ? buffers.gx : buffers.gh).columns(0..<w))
      }
      cell.forward(buffers)
    }
    let lastRows = layout.lastRows
    let final = CellState(h: states.h.gatheringRows(lastRows), c: states.c?.gatheringRows(lastRows))
    let output = assemblingOutput ? reversal.map { states.h.gatheringRows($0) } ?? states.h : nil
    let cache = Cache(
      layout: layout, input: input, gx: gx, gh: gh, states: states, scratch: scratch,
      initial: initialState, reversal: reversal)
    return (output, final, cache)
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
    let dOut = dOutput.map { d in cache.reversal.map { d.gatheringRows($0) } ?? d }
    // Two carries, read one and write the other each step. Both start as dL/d(final state): a
    // sequence's row is untouched until the step where it ends, then carried from there.
    var carried = cell.zeroState(batch: layout.batchSize)
    var written = cell.zeroState(batch: layout.batchSize)
    if let dFinal {
      for state in [carried, written] {
        state.h.assign(dFinal.h)
        if let c = state.c, let dc = dFinal.c { c.assign(dc) }
      }
    }
    // The cell writes every element of both (StepGradients).
    let dgx = Matrix<T>(uninitializedRows: layout.rowCount, cols: cell.gateWidth)
    let dgh =
      cell.readsGateSum ? dgx : Matrix<T>(uninitializedRows: layout.rowCount, cols: cell.gateWidth)
    let uProjected = PanelMatrix(p.weightHH.rows(0..<w))  // U[..<w]
    for t in (0..<layout.steps).reversed() {
      let b = layout.batchSizes[t]
      let rows = layout.rows(step: t)
      let dNext = carried.rows(0..<b)
      if let dOut { dNext.h.add(dOut.rows(rows)) }
      let buffers = stepBuffers(t, layout, cache.gx, cache.gh, cache.states, cache.scratch, cache.initial)
      let gradients = StepGradients(
        dNext: dNext, dgx: dgx.rows(rows), dgh: dgh.rows(rows), dPrevious: written.rows(0..<b))
      cell.backward(buffers, gradients, into: &grads)
      uProjected.multiplyAdd(gradients.dgh.columns(0..<w), into: gradients.dPrevious.h)  // dh_{t−1} += dGH_t U
      swap(&carried, &written)
    }
    // Weight gradients over all steps. When dGH is dGX, one GEMM gives both, so dGX (the big
    // operand) is packed once: [dW | dU] = dGXᵀ [X | H_prev]. Otherwise one GEMM each.
    let (i, s) = (cell.inputSize, cell.stateSize)
    if cell.readsGateSum {
      let inputs = Matrix<T>(uninitializedRows: layout.rowCount, cols: i + s)  // [X | H_prev]
      inputs.columns(0..<i).assign(cache.input)
      copyPreviousStates(cache, into: inputs.columns(i..<i + s))
      let product = Matrix<T>(uninitializedRows: cell.gateWidth, cols: i + s)
      product.setProduct(dgx, inputs, transposeA: true)
      grads.weightIH.add(product.columns(0..<i))  // dW += dGXᵀ X
      grads.weightHH.rows(0..<w).add(product.rows(0..<w).columns(i..<i + s))  // dU += dGHᵀ H_prev
    } else {
      grads.weightIH.addProduct(dgx, cache.input, transposeA: true)  // dW += dGXᵀ X
      let previous = Matrix<T>(uninitializedRows: layout.rowCount, cols: s)
      copyPreviousStates(cache, into: previous)
      grads.weightHH.rows(0..<w).addProduct(
        dgh.columns(0..<w), previous, transposeA: true)  // dU += dGHᵀ H_prev
    }
    if cell.readsGateSum {
      let sums = Matrix<T>(rows: 1, cols: cell.gateWidth)
      dgx.addColumnSums(into: sums)  // db_ih += Σ_rows dGX;  db_hh += the same
      grads.biasIH.add(sums)
      grads.biasHH.add(sums)
    } else {
      dgx.addColumnSums(into: grads.biasIH)  // db_ih += Σ_rows dGX
      dgh.addColumnSums(into: grads.biasHH)  // db_hh += Σ_rows dGH
    }
    let dInput = Matrix<T>(uninitializedRows: layout.rowCount, cols: cell.inputSize)
    dInput.setProduct(dgx, p.weightIH)  // dX = dGX W
    let dX = cache.reversal.map { dInput.gatheringRows($0) } ?? dInput
    return (dX, carried)
  }

  /// Step t's slices of the layer's buffers.
  private func stepBuffers(
    _ t: Int, _ layout: PackedLayout, _ gx: Matrix<T>, _ gh: Matrix<T>, _ states: CellState<T>,
    _ scratch: Matrix<T>, _ initial: CellState<T>
  ) -> StepBuffers<T> {
    let b = layout.batchSizes[t]
    let rows = layout.rows(step: t)
    let previous = t == 0 ? initial.rows(0..<b) : states.rows(layout.offsets[t - 1]..<layout.offsets[t - 1] + b)
    return StepBuffers(
      gx: gx.rows(rows), gh: gh.rows(rows), previous: previous, next: states.rows(rows),
      cache: scratch.rows(rows))
  }

  /// Writes H_prev [N, S] into `result`: for each packed row, the h its step started from.
  private func copyPreviousStates(_ cache: Cache, into result: Matrix<T>) {
    let layout = cache.layout
    for t in 0..<layout.steps {
      let b = layout.batchSizes[t]
      let source =
        t == 0
        ? cache.initial.h.rows(0..<b)
        : cache.states.h.rows(layout.offsets[t - 1]..<layout.offsets[t - 1] + b)
      result.rows(layout.rows(step: t)).assign(source)
    }
  }
}
