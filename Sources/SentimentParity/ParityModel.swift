import SentimentKit
/// A recurrent layer as a parity case sees it, whatever its number of directions D: PyTorch's
/// view, with the per-step output [N, D·H] and one final state per direction (h_n[d], c_n[d]).
/// `Recurrent` and `Bidirectional` conform through their own forward and backward, so a case
/// runs the code training runs.
protocol ParityModel: SequenceEncoder {
  /// Output packed like `x` [N, I]; final states in sorted order, forward direction first.
  func run(_ x: Matrix<T>, layout: PackedLayout) -> (
    output: Matrix<T>, finals: [CellState<T>], cache: Cache
  )
  /// dL/dx [N, I] from dL/d(output) and dL/d(each final state); weight gradients added into
  /// `grads`.
  func gradient(
    dOutput: Matrix<T>, dFinals: [CellState<T>], cache: Cache, into grads: inout Parameters
  ) -> Matrix<T>
}

extension Recurrent: ParityModel {
  /// One direction: one final state.
  func run(_ x: Matrix<T>, layout: PackedLayout) -> (
    output: Matrix<T>, finals: [CellState<T>], cache: Cache
  ) {
    let (output, final, cache) = forward(x, layout: layout)
    return (output, [final], cache)
  }

  /// Back-propagates through the one direction.
  func gradient(
    dOutput: Matrix<T>, dFinals: [CellState<T>], cache: Cache, into grads: inout Cell.Parameters
  ) -> Matrix<T> {
    backward(dOutput: dOutput, dFinal: dFinals[0], cache: cache, into: &grads).dInput
  }
}

extension Bidirectional: ParityModel {
  /// Two directions: h_n[0] forward, h_n[1] reverse.
  func run(_ x: Matrix<T>, layout: PackedLayout) -> (
    output: Matrix<T>, finals: [CellState<T>], cache: Cache
  ) {
    let (output, final, cache) = forward(x, layout: layout)
    return (output, [final.forward, final.reverse], cache)
  }

  /// Back-propagates through both directions; dx is their sum.
  func gradient(
    dOutput: Matrix<T>, dFinals: [CellState<T>], cache: Cache, into grads: inout Parameters
  ) -> Matrix<T> {
    backward(dOutput: dOutput, dFinal: (dFinals[0], dFinals[1]), cache: cache, into: &grads).dInput
  }
}
