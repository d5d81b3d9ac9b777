/// The four tensors PyTorch's `nn.RNN` and `nn.GRU` hold for one layer and direction, G gate
/// blocks of H rows each: W ≙ weight_ih [G·H, I], U ≙ weight_hh [G·H, H], b_ih and b_hh [G·H].
/// Elman (G = 1) and GRU (G = 3) cells keep exactly these; LSTM and Jordan cells add their own.
public struct RecurrentWeights<T: Scalar>: RecurrentParameters {
  /// W, [G·H, I], "weight_ih_l0".
  public let weightIH: Matrix<T>
  /// U, [G·H, H], "weight_hh_l0".
  public let weightHH: Matrix<T>
  /// b_ih, 1×G·H, "bias_ih_l0".
  public let biasIH: Matrix<T>
  /// b_hh, 1×G·H, "bias_hh_l0" (GRU: its n block b_hn sits inside the reset, see `GRUCell`).
  public let biasHH: Matrix<T>

  /// Zero weights for `gates` blocks, I inputs and H units.
  public init(gates: Int, inputSize: Int, hiddenSize: Int) {
    weightIH = Matrix(rows: gates * hiddenSize, cols: inputSize)
    weightHH = Matrix(rows: gates * hiddenSize, cols: hiddenSize)
    biasIH = Matrix(rows: 1, cols: gates * hiddenSize)
    biasHH = Matrix(rows: 1, cols: gates * hiddenSize)
  }

  /// The state_dict entries, in PyTorch's order.
  public var namedTensors: [NamedTensor<T>] {
    [
      NamedTensor("weight_ih_l0", matrix: weightIH), NamedTensor("weight_hh_l0", matrix: weightHH),
      NamedTensor("bias_ih_l0", vector: biasIH), NamedTensor("bias_hh_l0", vector: biasHH),
    ]
  }

  /// Zeros of the same shapes.
  public func zerosLike() -> RecurrentWeights {
    RecurrentWeights(
      gates: weightHH.rows / weightHH.cols, inputSize: weightIH.cols, hiddenSize: weightHH.cols)
  }
}
