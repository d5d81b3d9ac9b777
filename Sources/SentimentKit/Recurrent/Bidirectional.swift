/// Two recurrent layers over the same packed batch, one reading each sequence forwards and one
/// from its last valid step back (Schuster & Paliwal 1997), their outputs merged per step by
/// `merge`. The directions are independent, so forward and backward each run them at once, one
/// per core (`Parallel.pair`; one after the other when already inside parallel work).
/// Parameters of the reverse direction carry PyTorch's suffix "_reverse".
public struct Bidirectional<Forward: RecurrentCell, Reverse: RecurrentCell>: SequenceEncoder
where Forward.T == Reverse.T {
  /// Scalar type.
  public typealias T = Forward.T

  /// Both directions' weights: the forward's under their names, then the reverse's with the
  /// suffix "_reverse" (PyTorch's state_dict order for one bidirectional layer).
  public struct Parameters: ParameterSet {
    /// The forward direction's.
    public let forward: Forward.Parameters
    /// The reverse direction's.
    public let reverse: Reverse.Parameters

    /// The pair.
    public init(forward: Forward.Parameters, reverse: Reverse.Parameters) {
      self.forward = forward
      self.reverse = reverse
    }

    /// "weight_ih_l0", …, then "weight_ih_l0_reverse", ….
    public var namedTensors: [NamedTensor<T>] {
      forward.namedTensors
        + reverse.namedTensors.map {
          NamedTensor(name: $0.name + "_reverse", shape: $0.shape, value: $0.value)
        }
    }

    /// Zeros of the same shapes.
    public func zerosLike() -> Parameters {
      Parameters(forward: forward.zerosLike(), reverse: reverse.zerosLike())
    }
  }

  /// Reads x_0 … x_{L−1}.
  public var forwardLayer: Recurrent<Forward>
  /// Reads x_{L−1} … x_0; its output at step t is the state after reading x_{L−1} … x_t.
  public var reverseLayer: Recurrent<Reverse>
  /// How the two directions combine.
  public let merge: MergeMode

  /// A layer running `forward` forwards and `reverse` backwards over each sequence. Pass two
  /// cells: cells are handles on their weights, so one cell passed twice ties the directions.
  public init(forward: Forward, reverse: Reverse, merge: MergeMode = .concat) {
    precondition(forward.inputSize == reverse.inputSize, "both directions read the same input")
    _ = merge.width(forward.stateSize, reverse.stateSize)
    forwardLayer = Recurrent(cell: forward)
    reverseLayer = Recurrent(cell: reverse, reversed: true)
    self.merge = merge
  }

  /// Both directions' weights.
  public var parameters: Parameters {
    get { Parameters(forward: forwardLayer.cell.parameters, reverse: reverseLayer.cell.parameters) }
    set {
      forwardLayer.cell.parameters = newValue.forward
      reverseLayer.cell.parameters = newValue.reverse
    }
  }
  /// I.
  public var inputSize: Int { forwardLayer.inputSize }
  /// Merged width of the two directions' h.
  public var outputSize: Int { merge.width(forwardLayer.outputSize, reverseLayer.outputSize) }
  /// Merged width of the two directions' final h (the same as `outputSize`).
  public var finalSize: Int { outputSize }
  /// Two cores: one per direction.
  public var concurrency: Int { 2 }

  /// What backward needs: each direction's cache, and what it produced (for `.multiply`).
  public struct Cache {
    let forward: Recurrent<Forward>.Cache
    let reverse: Recurrent<Reverse>.Cache
    let output: (forward: Matrix<T>, reverse: Matrix<T>)
    let final: (forward: CellState<T>, reverse: CellState<T>)
  }

  // Pre-specialised for pairs of like Float cells, as `Recurrent`.
  /// Runs both directions at once. `x` is packed [N, I]; initial states (sorted order) default
  /// to zeros. Returns the merged output [N, outputSize] and each direction's final state
  /// unmerged, [B, ·] in sorted order (PyTorch's h_n[0], h_n[1] and c_n).
  public func forward(
    _ x: Matrix<T>, layout: PackedLayout,
    initial: (forward: CellState<T>?, reverse: CellState<T>?) = (nil, nil)
  ) -> (output: Matrix<T>, final: (forward: CellState<T>, reverse: CellState<T>), cache: Cache) {
    let (final, cache) = directions(x, layout: layout, initial: initial)
    return (merge.merge(cache.output.forward, cache.output.reverse), final, cache)
  }

  /// Both directions at once, outputs unmerged (in the cache).
  @_specialize(where Forward == ElmanCell<Float>, Reverse == ElmanCell<Float>)
  @_specialize(where Forward == JordanCell<Float>, Reverse == JordanCell<Float>)
  @_specialize(where Forward == LSTMCell<Float>, Reverse == LSTMCell<Float>)
  @_specialize(where Forward == GRUCell<Float>, Reverse == GRUCell<Float>)
  private func directions(
    _ x: Matrix<T>, layout: PackedLayout, initial: (forward: CellState<T>?, reverse: CellState<T>?)
  ) -> (final: (forward: CellState<T>, reverse: CellState<T>), cache: Cache) {
    let (f, r) = Parallel.pair(
      { forwardLayer.forward(x, layout: layout, initial: initial.forward) },
      { reverseLayer.forward(x, layout: layout, initial: initial.reverse) })
    let cache = Cache(
      forward: f.cache, reverse: r.cache, output: (f.output, r.output), final: (f.final, r.final))
    return ((f.final, r.final), cache)
  }

  /// Back-propagates dL/d(merged output) and dL/d(each direction's final state) (nil: zero),
  /// both directions at once. Adds weight gradients into `grads`; returns dL/dx [N, I] and
  /// dL/d(each direction's initial state).
  @_specialize(where Forward == ElmanCell<Float>, Reverse == ElmanCell<Float>)
  @_specialize(where Forward == JordanCell<Float>, Reverse == JordanCell<Float>)
  @_specialize(where Forward == LSTMCell<Float>, Reverse == LSTMCell<Float>)
  @_specialize(where Forward == GRUCell<Float>, Reverse == GRUCell<Float>)
  public func backward(
    dOutput: Matrix<T>?, dFinal: (forward: CellState<T>?, reverse: CellState<T>?), cache: Cache,
    into grads: inout Parameters
  ) -> (dInput: Matrix<T>, dInitial: (forward: CellState<T>, reverse: CellState<T>)) {
    let dOutputs = dOutput.map { merge.backward($0, cache.output.forward, cache.output.reverse) }
    // Parameter sets are handles on shared storage: writes through these copies land in grads.
    let (forwardGrads, reverseGrads) = (grads.forward, grads.reverse)
    let (f, r) = Parallel.pair(
      {
        var g = forwardGrads
        return forwardLayer.backward(
          dOutput: dOutputs?.0, dFinal: dFinal.forward, cache: cache.forward, into: &g)
      },
      {
        var g = reverseGrads
        return reverseLayer.backward(
          dOutput: dOutputs?.1, dFinal: dFinal.reverse, cache: cache.reverse, into: &g)
      })
    Parallel.forEachRange(f.dInput.rows, minimum: 256) { rows in
      f.dInput.rows(rows).add(r.dInput.rows(rows))  // dx = dx_forward + dx_reverse
    }
    return (f.dInput, (f.dInitial, r.dInitial))
  }

  /// Output [N, outputSize], merged only when `keepingOutput`; final [B, finalSize], the two
  /// final h merged, in sorted order.
  public func encode(_ x: Matrix<T>, layout: PackedLayout, keepingOutput: Bool) -> (
    output: Matrix<T>?, final: Matrix<T>, cache: Cache
  ) {
    let (final, cache) = directions(x, layout: layout, initial: (nil, nil))
    let output = keepingOutput ? merge.merge(cache.output.forward, cache.output.reverse) : nil
    return (output, merge.merge(final.forward.h, final.reverse.h), cache)
  }

  /// The two final h merged [B, finalSize], sorted order, both directions at once, without
  /// assembling or merging the per-step outputs.
  @_specialize(where Forward == ElmanCell<Float>, Reverse == ElmanCell<Float>)
  @_specialize(where Forward == JordanCell<Float>, Reverse == JordanCell<Float>)
  @_specialize(where Forward == LSTMCell<Float>, Reverse == LSTMCell<Float>)
  @_specialize(where Forward == GRUCell<Float>, Reverse == GRUCell<Float>)
  public func summarize(_ x: Matrix<T>, layout: PackedLayout) -> Matrix<T> {
    let (f, r) = Parallel.pair(
      { forwardLayer.finalState(x, layout: layout) },
      { reverseLayer.finalState(x, layout: layout) })
    return merge.merge(f.h, r.h)
  }

  /// dL/dx from dL/d(merged output) and dL/d(merged final h); weight gradients into `grads`.
  public func backward(
    dOutput: Matrix<T>?, dFinal: Matrix<T>?, cache: Cache, into grads: inout Parameters
  ) -> Matrix<T> {
    let dFinals = dFinal.map { merge.backward($0, cache.final.forward.h, cache.final.reverse.h) }
    let dStates = (dFinals.map { CellState(h: $0.0) }, dFinals.map { CellState(h: $0.1) })
    return backward(dOutput: dOutput, dFinal: dStates, cache: cache, into: &grads).dInput
  }
}
