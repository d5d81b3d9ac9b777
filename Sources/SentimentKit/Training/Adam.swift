import Foundation

/// Adam as `torch.optim.Adam` (L2 weight decay added to the gradient), or with decoupled weight
/// decay as `torch.optim.AdamW` (Loshchilov & Hutter 2019: the weights shrink by lr·λ apart from
/// the adaptive step); ε added after bias correction, unlike Swift for TensorFlow's Adam.
///
/// Per element, with λ the weight decay and t the step count after this update begins:
///   Adam:  g ← g + λ p          AdamW: p ← p (1 − lr λ)  (first, as torch does)
///   m = β1 m + (1 − β1) g            computed as m += (1 − β1)(g − m), torch's lerp_
///   v = β2 v + (1 − β2) g²
///   m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
///   p −= lr m̂ / (√v̂ + ε)            computed in torch's order of operations:
///                                    p −= (lr / (1 − β1^t)) m / (√v / √(1 − β2^t) + ε)
public struct Adam<Parameters: ParameterSet>: Optimizer {
  /// Scalar type.
  public typealias T = Parameters.T

  /// lr.
  public var learningRate: Double
  /// Per-tensor multipliers of lr (see `Optimizer.tensorRates`).
  public var tensorRates: [Double]?
  /// β1: decay of the first-moment average.
  public let beta1: Double
  /// β2: decay of the second-moment average.
  public let beta2: Double
  /// ε: added to √v̂.
  public let epsilon: Double
  /// λ: L2 penalty added to the gradient, or (decoupled) the shrink rate of the weights.
  public let weightDecay: Double
  /// Whether λ is AdamW's decoupled decay instead of an L2 term in the gradient.
  public let decoupled: Bool
  /// t: updates made so far; the bias corrections use it.
  public var stepCount = 0
  private let firstMoment: Parameters  // m, "exp_avg.<name>"
  private let secondMoment: Parameters  // v, "exp_avg_sq.<name>"

  /// An optimizer for `parameters`, with PyTorch's defaults lr 1e-3, β (0.9, 0.999), ε 1e-8.
  public init(
    for parameters: Parameters, learningRate: Double = 1e-3, beta1: Double = 0.9,
    beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0,
    decoupled: Bool = false
  ) {
    self.decoupled = decoupled
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    firstMoment = parameters.zerosLike()
    secondMoment = parameters.zerosLike()
  }

  /// "exp_avg.<name>" for each parameter, then "exp_avg_sq.<name>".
  public var stateTensors: [NamedTensor<T>] {
    firstMoment.namedTensors.map { $0.prefixed("exp_avg.") }
      + secondMoment.namedTensors.map { $0.prefixed("exp_avg_sq.") }
  }

  // Pre-specialised for Float: callers that stay generic (the type-erased model) would otherwise
  // run its loops through witness-table arithmetic, many times slower.
  /// One Adam update.
  @_specialize(where Parameters == ParameterList<Float>)
  public mutating func update(_ parameters: Parameters, along gradients: Parameters) {
    stepCount += 1
    let t = Double(stepCount)
    let correction2 = T((1 - pow(beta2, t)).squareRoot())  // √(1 − β2^t)
    let (b2, eps) = (T(beta2), T(epsilon))
    let decay = decoupled ? 0 : T(weightDecay)  // λ in the gradient
    let (oneMinusB1, oneMinusB2) = (T(1 - beta1), T(1 - beta2))
    let ps = parameters.namedTensors
    let gs = gradients.namedTensors
    let ms = firstMoment.namedTensors
    let vs = secondMoment.namedTensors
    precondition(ps.count == gs.count, "\(gs.count) gradients for \(ps.count) parameters")
    for i in ps.indices {
      let rate = learningRate * (tensorRates?[i] ?? 1)  // this tensor's lr
      guard rate > 0 else { continue }  // frozen
      let stepSize = T(rate / (1 - pow(beta1, t)))  // lr / (1 − β1^t)
      let shrink = T(1 - (decoupled ? rate * weightDecay : 0))  // 1 − lr λ
      let tensors = [ps[i].value, gs[i].value, ms[i].value, vs[i].value]
      Matrix.forEachRun(tensors, concurrently: true) { x, n in
        let (p, g, m, v) = (x[0], x[1], x[2], x[3])
        for j in 0..<n {
          p[j] *= shrink  // AdamW: p (1 − lr λ); 1 for Adam
          let gj = g[j] + decay * p[j]  // Adam: g + λ p; λ = 0 here for AdamW
          m[j] += oneMinusB1 * (gj - m[j])  // m = β1 m + (1 − β1) g
          v[j] = b2 * v[j] + oneMinusB2 * gj * gj  // v = β2 v + (1 − β2) g²
          // p −= lr m̂ / (√v̂ + ε); v ≥ 0, and |v| tells the compiler so: the root vectorises
          p[j] -= stepSize * m[j] / (v[j].magnitude.squareRoot() / correction2 + eps)
        }
      }
    }
  }
}
