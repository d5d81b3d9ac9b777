import SentimentKit

/// A recurrent layer as a parity case sees it, whatever its number of directions D: PyTorch's
/// view, with the per-step output [N, D·H] and one final state per direction (h_n[d], c_n[d]).
protocol ParityModel {
  associatedtype T: Scalar
  associatedtype Parameters: ParameterSet where Parameters.T == T
  associatedtype Cache

  var parameters: Parameters { get }
  var inputSize: Int { get }
  /// Output packed like `x`; finals in sorted order, forward direction first.
  func run(_ x: Matrix<T>, layout: PackedLayout) -> (
    output: Matrix<T>, finals: [CellState<T>], cache: Cache
  )
  /// dL/dx; weight gradients added into `grads`.
  func gradient(
    dOutput: Matrix<T>, dFinals: [CellState<T>], cache: Cache, into grads: inout Parameters
  )
    -> Matrix<T>
}

extension Recurrent: ParityModel {
  func run(_ x: Matrix<T>, layout: PackedLayout) -> (
    output: Matrix<T>, finals: [CellState<T>], cache: Cache
  ) {
    let (output, final, cache) = forward(x, layout: layout)
    return (output, [final], cache)
  }

  func gradient(
    dOutput: Matrix<T>, dFinals: [CellState<T>], cache: Cache, into grads: inout Cell.Parameters
  ) -> Matrix<T> {
    backward(dOutput: dOutput, dFinal: dFinals[0], cache: cache, into: &grads).dInput
  }
}

extension Bidirectional: ParityModel {
  func run(_ x: Matrix<T>, layout: PackedLayout) -> (
    output: Matrix<T>, finals: [CellState<T>], cache: Cache
  ) {
    let (output, final, cache) = forward(x, layout: layout)
    return (output, [final.forward, final.reverse], cache)
  }

  func gradient(
    dOutput: Matrix<T>, dFinals: [CellState<T>], cache: Cache, into grads: inout Parameters
  ) -> Matrix<T> {
    backward(dOutput: dOutput, dFinal: (dFinals[0], dFinals[1]), cache: cache, into: &grads).dInput
  }
}
