/// The Elman network (PyTorch `nn.RNN`, Keras `SimpleRNN`): the state is the hidden vector itself.
/// One gate block, so G = 1 and S = H.
public struct ElmanCell<T: Scalar>: RecurrentCell {
  /// W, U, b_ih, b_hh under PyTorch's names (one gate block).
  public typealias Parameters = RecurrentWeights<T>

  /// The weights.
  public var parameters: Parameters
  /// σ: tanh (the default), ReLU or sigmoid.
  public let activation: Activation

  /// A cell with zero weights (to be loaded, or for tests).
  public init(inputSize: Int, hiddenSize: Int, activation: Activation = .tanh) {
    parameters = Parameters(gates: 1, inputSize: inputSize, hiddenSize: hiddenSize)
    self.activation = activation
  }

  /// A cell with PyTorch's default weights: everything from U(−1/√H, 1/√H).
  public init(
    inputSize: Int, hiddenSize: Int, activation: Activation = .tanh,
    using generator: inout some RandomNumberGenerator
  ) {
    self.init(inputSize: inputSize, hiddenSize: hiddenSize, activation: activation)
    parameters.fillUniform(hiddenSize: hiddenSize, using: &generator)
  }

  // h_t = σ(W x_t + b_ih + U h_{t-1} + b_hh) = σ(a), a in gx (readsGateSum)
  // Pre-specialised for Float and Double: callers that stay generic (other modules, existentials)
  // would otherwise run this loop through witness-table arithmetic, several times slower.
  /// Forward: the next state from gx and gh.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func forward(_ step: StepBuffers<T>) {
    activation.apply(step.gx, into: step.next.h)
  }

  // da = dh_t ⊙ σ'(a), read from h_t;  dgx = dgh = da (one matrix);
  // dh_{t-1} = da U (added by Recurrent)
  /// Backward: dgx, dgh and the elementwise part of dh_{t−1} (none: it all flows through U).
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func backward(_ step: StepBuffers<T>, _ gradients: StepGradients<T>, into grads: inout Parameters) {
    gradients.dgx.assign(gradients.dNext.h)
    activation.backward(output: step.next.h, gradient: gradients.dgx)
    gradients.dPrevious.h.fill(0)
  }
}
