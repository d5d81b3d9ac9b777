import SentimentKit

/// Every cell and option under test, so that each property is checked for all of them.
enum CellVariant: String, CaseIterable {
  case elmanTanh, elmanReLU, elmanSigmoid
  /// Jordan with O = H (the default).
  case jordan
  /// Jordan with O = H + 2 and a logistic output layer: a state wider than the hidden layer.
  case jordanWideOutput
  case lstm, lstmPeephole, lstmCoupled, lstmPeepholeCoupled
  case gruResetAfter, gruResetBefore

  /// A cell with PyTorch's default random weights.
  func make<T: Scalar>(
    inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64, as: T.Type = T.self
  ) -> any RecurrentCell<T> {
    let (i, h) = (inputSize, hiddenSize)
    switch self {
    case .elmanTanh:
      return ElmanCell<T>(inputSize: i, hiddenSize: h, activation: .tanh, using: &generator)
    case .elmanReLU:
      return ElmanCell<T>(inputSize: i, hiddenSize: h, activation: .relu, using: &generator)
    case .elmanSigmoid:
      return ElmanCell<T>(inputSize: i, hiddenSize: h, activation: .sigmoid, using: &generator)
    case .jordan: return JordanCell<T>(inputSize: i, hiddenSize: h, using: &generator)
    case .jordanWideOutput:
      return JordanCell<T>(
        inputSize: i, hiddenSize: h, outputSize: h + 2, outputActivation: .sigmoid,
        using: &generator)
    case .lstm: return LSTMCell<T>(inputSize: i, hiddenSize: h, using: &generator)
    case .lstmPeephole:
      return LSTMCell<T>(inputSize: i, hiddenSize: h, options: .peephole, using: &generator)
    case .lstmCoupled:
      return LSTMCell<T>(inputSize: i, hiddenSize: h, options: .coupledGates, using: &generator)
    case .lstmPeepholeCoupled:
      return LSTMCell<T>(
        inputSize: i, hiddenSize: h, options: [.peephole, .coupledGates], using: &generator)
    case .gruResetAfter:
      return GRUCell<T>(inputSize: i, hiddenSize: h, variant: .resetAfter, using: &generator)
    case .gruResetBefore:
      return GRUCell<T>(inputSize: i, hiddenSize: h, variant: .resetBefore, using: &generator)
    }
  }

  /// What every step emits, from a zero state, when every weight is zero: σ_y(0), which is 1/2
  /// for a logistic output and 0 for the others (an LSTM's c stays 0, a GRU keeps h = 0).
  var zeroWeightOutput: Double {
    switch self {
    case .elmanSigmoid, .jordanWideOutput: return 0.5
    default: return 0
    }
  }
}
