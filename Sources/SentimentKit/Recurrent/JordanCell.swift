// Legend: x_t a row of X [B, I]; h_t the hidden layer [B, H]; y_t the output [B, O], the state
// fed back; W ≙ weight_ih [H, I], U ≙ weight_hh [H, O], b = b_ih + b_hh; V ≙ weight_ho [O, H],
// b_y ≙ bias_ho [O]; batched W x_t is X·Wᵀ.

/// The Jordan network (Jordan 1986): like Elman's, but the state fed back is the step's output
/// y_t, not its hidden layer. One gate block (G = 1); the state width S is O, which defaults to H.
/// No PyTorch or Keras twin: finite differences check it.
public struct JordanCell<T: Scalar>: RecurrentCell {
  /// W, U, b_ih, b_hh under PyTorch's names, plus the output layer V, b_y.
  public struct Parameters: RecurrentParameters {
    /// W, [H, I], "weight_ih_l0".
    public let weightIH: Matrix<T>
    /// U, [H, O], "weight_hh_l0": reads y_{t−1}, not h_{t−1}.
    public let weightHH: Matrix<T>
    /// b_ih, 1×H, "bias_ih_l0".
    public let biasIH: Matrix<T>
    /// b_hh, 1×H, "bias_hh_l0".
    public let biasHH: Matrix<T>
    /// V, [O, H], "weight_ho_l0": hidden to output.
    public let weightHO: Matrix<T>
    /// b_y, 1×O, "bias_ho_l0".
    public let biasHO: Matrix<T>

    /// Zero weights for I inputs, H hidden units and O outputs.
    public init(inputSize: Int, hiddenSize: Int, outputSize: Int) {
      weightIH = Matrix(rows: hiddenSize, cols: inputSize)
      weightHH = Matrix(rows: hiddenSize, cols: outputSize)
      biasIH = Matrix(rows: 1, cols: hiddenSize)
      biasHH = Matrix(rows: 1, cols: hiddenSize)
      weightHO = Matrix(rows: outputSize, cols: hiddenSize)
      biasHO = Matrix(rows: 1, cols: outputSize)
    }

    /// The state_dict entries: PyTorch's four, then the output layer.
    public var namedTensors: [NamedTensor<T>] {
      [
        NamedTensor("weight_ih_l0", matrix: weightIH),
        NamedTensor("weight_hh_l0", matrix: weightHH),
        NamedTensor("bias_ih_l0", vector: biasIH), NamedTensor("bias_hh_l0", vector: biasHH),
        NamedTensor("weight_ho_l0", matrix: weightHO), NamedTensor("bias_ho_l0", vector: biasHO),
      ]
    }

    /// Zeros of the same shapes.
    public func zerosLike() -> Parameters {
      Parameters(inputSize: weightIH.cols, hiddenSize: weightIH.rows, outputSize: weightHO.rows)
    }
  }

  /// The weights.
  public var parameters: Parameters
  /// σ, the hidden layer's nonlinearity.
  public let activation: Activation
  /// σ_y, the output layer's nonlinearity.
  public let outputActivation: Activation

  /// A cell with zero weights; O = `outputSize ?? hiddenSize`.
  public init(
    inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, activation: Activation = .tanh,
    outputActivation: Activation = .tanh
  ) {
    parameters = Parameters(
      inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize ?? hiddenSize)
    self.activation = activation
    self.outputActivation = outputActivation
  }

  /// A cell with PyTorch's default recurrent initialisation, U(−1/√H, 1/√H) for every tensor.
  public init(
    inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, activation: Activation = .tanh,
    outputActivation: Activation = .tanh, using generator: inout some RandomNumberGenerator
  ) {
    self.init(
      inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize,
      activation: activation, outputActivation: outputActivation)
    parameters.fillUniform(hiddenSize: hiddenSize, using: &generator)
  }

  /// H: the cache keeps each step's hidden layer h_t.
  public var cacheWidth: Int { parameters.weightIH.rows }

  // Forward                                    Backward (dy_t arrives in dNext.h)
  //   h_t = σ(gx + gh)                          da_y = dy_t ⊙ σ_y'(y_t)         (in dNext.h)
  //       = σ(W x_t + b_ih + U y_{t-1} + b_hh)   dV += da_yᵀ h_t;  db_y += Σ_rows da_y
  //   y_t = σ_y(V h_t + b_y)                    da = (da_y V) ⊙ σ'(h_t);  dgx = dgh = da
  //                                             dy_{t-1} = da U                (added by Recurrent)
  // Pre-specialised for Float and Double: callers that stay generic (other modules, existentials)
  // would otherwise run this loop through witness-table arithmetic, several times slower.
  /// Forward: h_t into the cache, y_t into the next state.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func forward(_ step: StepBuffers<T>) {
    let h = step.cache
    activation.apply(step.gx, into: h)  // h_t = σ(a), a in gx (readsGateSum)
    let y = step.next.h
    y.fillEachRow(with: parameters.biasHO)
    y.addProduct(h, parameters.weightHO, transposeB: true)  // V h_t + b_y
    outputActivation.apply(y, into: y)
  }

  /// Backward: dV and db_y into `grads`; dgx = dgh = da (one matrix); nothing flows to y_{t−1}
  /// but through U.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func backward(
    _ step: StepBuffers<T>, _ gradients: StepGradients<T>, into grads: inout Parameters
  ) {
    let daY = gradients.dNext.h
    outputActivation.backward(output: step.next.h, gradient: daY)  // da_y = dy_t ⊙ σ_y'(y_t)
    grads.weightHO.addProduct(daY, step.cache, transposeA: true)  // dV += da_yᵀ h_t
    daY.addColumnSums(into: grads.biasHO)  // db_y += Σ_rows da_y
    gradients.dgx.setProduct(daY, parameters.weightHO)  // dh_t = da_y V
    activation.backward(output: step.cache, gradient: gradients.dgx)  // da = dh_t ⊙ σ'(h_t)
    gradients.dPrevious.h.fill(0)
  }
}
