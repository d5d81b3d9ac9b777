/// A fully connected layer, y = x Wᵀ + b (PyTorch `nn.Linear`: "weight" [out, in], "bias" [out]).
///
/// Legend: X [N, in] one example a row; W ≙ weight [out, in]; b ≙ bias [out]; Y [N, out].
public struct Dense<T: Scalar>: Layer {
  /// W and b under PyTorch's names.
  public struct Parameters: ParameterSet {
    /// W, [out, in], "weight".
    public let weight: Matrix<T>
    /// b, 1×out, "bias".
    public let bias: Matrix<T>

    /// Zero weights mapping `inputSize` features to `outputSize`.
    public init(inputSize: Int, outputSize: Int) {
      weight = Matrix(rows: outputSize, cols: inputSize)
      bias = Matrix(rows: 1, cols: outputSize)
    }

    /// The state_dict entries, in PyTorch's order.
    public var namedTensors: [NamedTensor<T>] {
      [NamedTensor("weight", matrix: weight), NamedTensor("bias", vector: bias)]
    }

    /// Zeros of the same shapes.
    public func zerosLike() -> Parameters {
      Parameters(inputSize: weight.cols, outputSize: weight.rows)
    }
  }

  /// What backward needs: the input X (not copied: the caller keeps it unchanged until backward).
  public struct Cache {
    /// X, [N, in].
    public let input: Matrix<T>
  }

  /// The weights.
  public var parameters: Parameters

  /// Features in.
  public var inputSize: Int { parameters.weight.cols }
  /// Features out.
  public var outputSize: Int { parameters.weight.rows }

  /// A layer with zero weights (to be loaded from a checkpoint).
  public init(inputSize: Int, outputSize: Int) {
    parameters = Parameters(inputSize: inputSize, outputSize: outputSize)
  }

  /// A layer drawn as PyTorch's `Linear.reset_parameters` does: W and b from U(−k, k), k = 1/√in.
  public init<G: RandomNumberGenerator>(inputSize: Int, outputSize: Int, using generator: inout G) {
    self.init(inputSize: inputSize, outputSize: outputSize)
    let bound = Initializer.uniform(1 / Double(inputSize).squareRoot())
    bound.fill(parameters.weight, using: &generator)
    bound.fill(parameters.bias, using: &generator)
  }

  // Pre-specialised for Float: callers that stay generic (the type-erased model) would otherwise
  // run it through witness-table arithmetic, many times slower.
  /// Y = X Wᵀ + b.
  @_specialize(where T == Float)
  public func forward(_ x: Matrix<T>) -> (output: Matrix<T>, cache: Cache) {
    precondition(x.cols == inputSize, "input has \(x.cols) features, layer expects \(inputSize)")
    let y = Matrix<T>(uninitializedRows: x.rows, cols: outputSize)
    y.fillEachRow(with: parameters.bias)
    y.addProduct(x, parameters.weight, transposeB: true)  // Y = X Wᵀ + b
    return (y, Cache(input: x))
  }

  /// Adds dW and db into `grads`; returns dX.
  @_specialize(where T == Float)
  public func backward(_ dOutput: Matrix<T>, cache: Cache, into grads: inout Parameters)
    -> Matrix<T>
  {
    precondition(
      dOutput.rows == cache.input.rows && dOutput.cols == outputSize,
      "dY must be [\(cache.input.rows), \(outputSize)]")
    grads.weight.addProduct(dOutput, cache.input, transposeA: true)  // dW += dYᵀ X
    dOutput.addColumnSums(into: grads.bias)  // db += Σ_n dY[n]
    let dx = Matrix<T>(rows: cache.input.rows, cols: inputSize)
    dx.setProduct(dOutput, parameters.weight)  // dX = dY W
    return dx
  }
}
