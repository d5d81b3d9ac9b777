/// A single-direction layer as an encoder: the output is every step's h, the final summary each
/// sequence's last h (its c, for an LSTM, stays inside; use `forward`/`backward` to reach it).
extension Recurrent: SequenceEncoder {
  /// The cell's weights.
  public var parameters: Cell.Parameters {
    get { cell.parameters }
    set { cell.parameters = newValue }
  }
  /// I.
  public var inputSize: Int { cell.inputSize }
  /// S, the width of h.
  public var outputSize: Int { cell.stateSize }
  /// S: the final h.
  public var finalSize: Int { cell.stateSize }

  /// Output [N, S] (every step's h, kept in any case: it costs nothing); final h [B, S] in the
  /// layout's sorted order; starts from the zero state.
  public func encode(_ x: Matrix<T>, layout: PackedLayout, keepingOutput: Bool) -> (
    output: Matrix<T>?, final: Matrix<T>, cache: Cache
  ) {
    let (output, final, cache) = forward(x, layout: layout)
    return (output, final.h, cache)
  }

  /// Final h [B, S] in sorted order, without assembling the per-step output.
  public func summarize(_ x: Matrix<T>, layout: PackedLayout) -> Matrix<T> {
    finalState(x, layout: layout).h
  }

  /// dL/dx from dL/d(output) and dL/d(final h); weight gradients added into `grads`.
  /// Disfavoured so that a literal `dFinal: nil` picks the full-state `backward`, not this one.
  @_disfavoredOverload
  public func backward(
    dOutput: Matrix<T>?, dFinal: Matrix<T>?, cache: Cache, into grads: inout Cell.Parameters
  ) -> Matrix<T> {
    let dState = dFinal.map { CellState(h: $0) }
    return backward(dOutput: dOutput, dFinal: dState, cache: cache, into: &grads).dInput
  }
}
