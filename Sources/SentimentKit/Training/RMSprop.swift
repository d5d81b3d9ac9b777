/// RMSprop as `torch.optim.RMSprop` (not centered, no momentum): the step is divided by a running
/// root mean square of the gradient. Note ε is added to √v, outside the root (PyTorch's form).
///
/// Per element, with λ the weight decay:
///   g ← g + λ p
///   v = α v + (1 − α) g²
///   p −= lr g / (√v + ε)
public struct RMSprop<Parameters: ParameterSet>: Optimizer {
  /// Scalar type.
  public typealias T = Parameters.T

  /// lr.
  public var learningRate: Double
  /// Per-tensor multipliers of lr (see `Optimizer.tensorRates`).
  public var tensorRates: [Double]?
  /// α: smoothing constant of the running mean of g².
  public let alpha: Double
  /// ε: added to √v.
  public let epsilon: Double
  /// λ: L2 penalty added to the gradient.
  public let weightDecay: Double
  /// Updates made so far.
  public var stepCount = 0
  private let squareAverage: Parameters  // v, "square_avg.<name>"

  /// An optimizer for `parameters`, with PyTorch's defaults α = 0.99, ε = 1e-8.
  public init(
    for parameters: Parameters, learningRate: Double = 0.01, alpha: Double = 0.99,
    epsilon: Double = 1e-8, weightDecay: Double = 0
  ) {
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    squareAverage = parameters.zerosLike()
  }

  /// "square_avg.<name>" for each parameter.
  public var stateTensors: [NamedTensor<T>] {
    squareAverage.namedTensors.map { $0.prefixed("square_avg.") }
  }

  // Pre-specialised for Float: callers that stay generic (the type-erased model) would otherwise
  // run its loops through witness-table arithmetic, many times slower.
  /// One RMSprop update.
  @_specialize(where Parameters == ParameterList<Float>)
  public mutating func update(_ parameters: Parameters, along gradients: Parameters) {
    stepCount += 1
    let (a, eps, decay) = (T(alpha), T(epsilon), T(weightDecay))
    let oneMinusA = T(1 - alpha)
    let ps = parameters.namedTensors
    let gs = gradients.namedTensors
    let vs = squareAverage.namedTensors
    precondition(ps.count == gs.count, "\(gs.count) gradients for \(ps.count) parameters")
    for i in ps.indices {
      let rate = learningRate * (tensorRates?[i] ?? 1)  // this tensor's lr
      guard rate > 0 else { continue }  // frozen
      let lr = T(rate)
      Matrix.forEachRun([ps[i].value, gs[i].value, vs[i].value], concurrently: true) { x, n in
        let (p, g, v) = (x[0], x[1], x[2])
        for j in 0..<n {
          let gj = g[j] + decay * p[j]  // g + λ p
          v[j] = a * v[j] + oneMinusA * gj * gj  // v = α v + (1 − α) g²
          // p −= lr g / (√v + ε); v ≥ 0, and |v| tells the compiler so: the root vectorises
          p[j] -= lr * gj / (v[j].magnitude.squareRoot() + eps)
        }
      }
    }
  }
}
