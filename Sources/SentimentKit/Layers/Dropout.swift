/// Inverted dropout (PyTorch `nn.Dropout`): in training each element is kept with probability
/// 1 − p and scaled by 1/(1 − p), so inference is the identity and needs no rescaling.
///
/// Legend: X, Y [N, F]; M the mask, M_ij = 1/(1 − p) with probability 1 − p, else 0.
///   training:   Y = X ⊙ M          dX = dY ⊙ M
///   inference:  Y = X              dX = dY
public struct Dropout<T: Scalar>: Layer {
  /// What backward needs: the mask, nil when the forward pass was the identity.
  public struct Cache {
    /// M, [N, F], entries 0 or 1/(1 − p); nil at inference.
    public let mask: Matrix<T>?
  }

  /// No weights.
  public var parameters = NoParameters<T>()
  /// p: the chance that an element is dropped.
  public let probability: Double

  /// Dropout with drop probability p in [0, 1].
  public init(probability: Double) {
    precondition(
      probability >= 0 && probability <= 1, "dropout probability \(probability) outside [0, 1]")
    self.probability = probability
  }

  /// Inference: Y = X, the same matrix (not a copy).
  public func forward(_ x: Matrix<T>) -> (output: Matrix<T>, cache: Cache) {
    (x, Cache(mask: nil))
  }

  /// Training: draws a fresh mask from `generator` (seed it for repeatable runs) and applies it.
  public func forward<G: RandomNumberGenerator>(_ x: Matrix<T>, using generator: inout G)
    -> (output: Matrix<T>, cache: Cache)
  {
    guard probability > 0 else { return forward(x) }
    // M_ij = 1/(1 − p) with probability 1 − p, else 0 (all zero when p = 1, as PyTorch).
    let kept: T = probability < 1 ? T(1 / (1 - probability)) : 0
    let mask = Matrix<T>(rows: x.rows, cols: x.cols)
    for r in 0..<mask.rows {
      let row = mask.pointer + r * mask.stride
      for j in 0..<mask.cols where Double.random(in: 0..<1, using: &generator) >= probability {
        row[j] = kept
      }
    }
    return forward(x, mask: mask)
  }

  /// Applies a given mask: Y = X ⊙ M. Training draws M; tests hold it fixed.
  public func forward(_ x: Matrix<T>, mask: Matrix<T>) -> (output: Matrix<T>, cache: Cache) {
    let y = x.copy()
    y.multiply(by: mask)  // Y = X ⊙ M
    return (y, Cache(mask: mask))
  }

  /// dX = dY ⊙ M (dY itself, unchanged, at inference). No parameter gradients.
  public func backward(_ dOutput: Matrix<T>, cache: Cache, into grads: inout NoParameters<T>)
    -> Matrix<T>
  {
    guard let mask = cache.mask else { return dOutput }
    let dx = dOutput.copy()
    dx.multiply(by: mask)  // dX = dY ⊙ M
    return dx
  }
}
