/// DropConnect on weight matrices (Wan et al. 2013), as AWD-LSTM drops the recurrent weights U:
/// one mask per batch, applied to the weights in place for the forward and backward pass and
/// undone afterwards, so every step of every review sees the same dropped U. Inverted: inference
/// reads U itself.
///
///   Ũ = U ⊙ M,   M_ij = 1/(1 − p) with probability 1 − p, else 0
///   dL/dU = dL/dŨ ⊙ M
struct WeightDropout<T: Scalar> {
  /// Live views of the weights, masked until `restore()`.
  private let weights: [Matrix<T>]
  /// U as it was.
  private let saved: [Matrix<T>]
  /// M, one per weight.
  private let masks: [Matrix<T>]

  /// Masks `weights` in place with masks drawn from `generator`; nil (and nothing drawn) when
  /// `probability` is 0.
  init?<G: RandomNumberGenerator>(probability: Double, weights: [Matrix<T>], using generator: inout G) {
    guard probability > 0 else { return nil }
    let kept = T(1 / (1 - probability))
    self.weights = weights
    saved = weights.map { $0.copy() }
    masks = weights.map { weight in
      let mask = Matrix<T>(rows: weight.rows, cols: weight.cols)
      for r in 0..<mask.rows {
        for c in 0..<mask.cols where Double.random(in: 0..<1, using: &generator) >= probability {
          mask[r, c] = kept
        }
      }
      weight.multiply(by: mask)  // Ũ = U ⊙ M
      return mask
    }
  }

  /// Copies of the gradient accumulators before this batch adds to them.
  func snapshot(_ gradients: [Matrix<T>]) -> [Matrix<T>] { gradients.map { $0.copy() } }

  /// g = g₀ + (g − g₀) ⊙ M: this batch's share of each gradient (what it added since `before`)
  /// taken back from Ũ to U.
  func maskGradients(_ gradients: [Matrix<T>], since before: [Matrix<T>]) {
    for ((g, g0), mask) in zip(zip(gradients, before), masks) {
      g.add(g0, scaledBy: -1)
      g.multiply(by: mask)
      g.add(g0)
    }
  }

  /// Puts U back.
  func restore() {
    for (weight, original) in zip(weights, saved) { weight.assign(original) }
  }
}
