/// Dropout on packed sequences (see `PackedLayout`) whose mask is shared along the sequence, as
/// AWD-LSTM regularises a recurrent classifier (Merity et al. 2018; Gal & Ghahramani 2016):
/// - word dropout drops whole word types: every occurrence of a dropped id in the batch reads a
///   zero vector, kept ids are scaled by 1/(1 − p_w);
/// - locked (variational) dropout draws one mask per sequence and feature and applies it at every
///   step, so a dropped feature stays dropped for the whole review.
/// Inverted, like `Dropout`: inference is the identity.
///
/// Legend: X, Y [N, F] packed, row n = (step t, sequence k); i_n the row's token id.
///   Y_nj = X_nj · w_{i_n} · l_kj    w_i ∈ {0, 1/(1 − p_w)} per id,  l_kj ∈ {0, 1/(1 − p_l)}
///   dX_nj = dY_nj · w_{i_n} · l_kj
public struct SequenceDropout<T: Scalar> {
  /// What backward needs: the scale of every element, nil when forward was the identity.
  public struct Cache {
    /// w_{i_n} · l_kj, [N, F]; nil at inference or when both probabilities are 0.
    public let mask: Matrix<T>?
  }

  /// p_w: the chance that a word type is dropped from a batch.
  public let wordProbability: Double
  /// p_l: the chance that a feature is dropped from a whole sequence.
  public let lockedProbability: Double

  /// Word dropout `word` and locked dropout `locked`, each in [0, 1).
  public init(word: Double = 0, locked: Double = 0) {
    precondition((0..<1).contains(word) && (0..<1).contains(locked), "dropout outside [0, 1)")
    wordProbability = word
    lockedProbability = locked
  }

  /// Whether training changes anything.
  public var isIdentity: Bool { wordProbability == 0 && lockedProbability == 0 }

  /// Training: masks drawn from `generator` (word types first, in the order the ids first appear
  /// in `ids`, then the locked mask sequence by sequence), applied to `x`. `ids` gives each
  /// packed row's token (needed for word dropout only).
  public func forward<G: RandomNumberGenerator>(
    _ x: Matrix<T>, ids: [Int32], layout: PackedLayout, using generator: inout G
  ) -> (output: Matrix<T>, cache: Cache) {
    guard !isIdentity else { return (x, Cache(mask: nil)) }
    precondition(x.rows == layout.rowCount, "x must have one row per packed step")
    let mask = Matrix<T>(rows: x.rows, cols: x.cols, repeating: 1)
    if wordProbability > 0 {
      precondition(ids.count == x.rows, "one id per packed row")
      let kept = T(1 / (1 - wordProbability))
      var scales = [Int32: T]()
      for (n, id) in ids.enumerated() {
        let w: T
        if let drawn = scales[id] {
          w = drawn
        } else {
          w = Double.random(in: 0..<1, using: &generator) < wordProbability ? 0 : kept
          scales[id] = w
        }
        if w != 1 { mask.rows(n..<n + 1).scale(by: w) }
      }
    }
    if lockedProbability > 0 {
      let kept = T(1 / (1 - lockedProbability))
      let locked = Matrix<T>(rows: layout.batchSize, cols: x.cols)  // l [B, F]
      for k in 0..<layout.batchSize {
        for j in 0..<x.cols where Double.random(in: 0..<1, using: &generator) >= lockedProbability {
          locked[k, j] = kept
        }
      }
      for t in 0..<layout.steps {
        let rows = layout.rows(step: t)
        mask.rows(rows).multiply(by: locked.rows(0..<rows.count))  // row (t, k) · l_k
      }
    }
    let y = x.copy()
    y.multiply(by: mask)
    return (y, Cache(mask: mask))
  }

  /// dX = dY ⊙ mask (dY itself when forward was the identity).
  public func backward(_ dOutput: Matrix<T>, cache: Cache) -> Matrix<T> {
    guard let mask = cache.mask else { return dOutput }
    let dx = dOutput.copy()
    dx.multiply(by: mask)
    return dx
  }
}
