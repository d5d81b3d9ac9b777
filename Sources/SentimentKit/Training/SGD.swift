/// Stochastic gradient descent with optional momentum and L2 weight decay, as `torch.optim.SGD`
/// (dampening 0, no Nesterov).
///
/// Per element, with λ the weight decay and μ the momentum:
///   g ← g + λ p
///   μ > 0:  v = μ v + g;  p −= lr v      (v starts at 0, so the first v is g, as PyTorch's clone)
///   μ = 0:  p −= lr g
public struct SGD<Parameters: ParameterSet>: Optimizer {
  /// Scalar type.
  public typealias T = Parameters.T

  /// lr.
  public var learningRate: Double
  /// Per-tensor multipliers of lr (see `Optimizer.tensorRates`).
  public var tensorRates: [Double]?
  /// μ; 0 for plain SGD.
  public let momentum: Double
  /// λ: L2 penalty added to the gradient.
  public let weightDecay: Double
  /// Updates made so far.
  public var stepCount = 0
  private let velocity: Parameters?  // v, "momentum_buffer.<name>"; nil when μ = 0

  /// An optimizer for `parameters` (their shapes size the momentum buffers).
  public init(
    for parameters: Parameters, learningRate: Double, momentum: Double = 0, weightDecay: Double = 0
  ) {
    precondition(momentum >= 0 && weightDecay >= 0, "momentum and weight decay must be ≥ 0")
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    velocity = momentum > 0 ? parameters.zerosLike() : nil
  }

  /// "momentum_buffer.<name>" for each parameter when μ > 0; none otherwise.
  public var stateTensors: [NamedTensor<T>] {
    velocity?.namedTensors.map { $0.prefixed("momentum_buffer.") } ?? []
  }

  // Pre-specialised for Float: callers that stay generic (the type-erased model) would otherwise
  // run its loops through witness-table arithmetic, many times slower.
  /// One SGD update.
  @_specialize(where Parameters == ParameterList<Float>)
  public mutating func update(_ parameters: Parameters, along gradients: Parameters) {
    stepCount += 1
    let (mu, decay) = (T(momentum), T(weightDecay))
    let ps = parameters.namedTensors
    let gs = gradients.namedTensors
    precondition(ps.count == gs.count, "\(gs.count) gradients for \(ps.count) parameters")
    let vs = velocity?.namedTensors
    for i in ps.indices {
      let rate = learningRate * (tensorRates?[i] ?? 1)  // this tensor's lr
      guard rate > 0 else { continue }  // frozen
      let lr = T(rate)
      if let vs {
        Matrix.forEachRun([ps[i].value, gs[i].value, vs[i].value], concurrently: true) { x, n in
          let (p, g, v) = (x[0], x[1], x[2])
          for j in 0..<n {
            v[j] = mu * v[j] + (g[j] + decay * p[j])  // v = μ v + (g + λ p)
            p[j] -= lr * v[j]  // p −= lr v
          }
        }
      } else {
        Matrix.forEachRun([ps[i].value, gs[i].value], concurrently: true) { x, n in
          let (p, g) = (x[0], x[1])
          for j in 0..<n { p[j] -= lr * (g[j] + decay * p[j]) }  // p −= lr (g + λ p)
        }
      }
    }
  }
}
