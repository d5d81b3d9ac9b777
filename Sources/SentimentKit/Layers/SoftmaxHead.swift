/// The classifier's output: class probabilities from logits, and the training loss, the mean
/// negative log-likelihood of the true classes (PyTorch `log_softmax` + `nll_loss`, which is
/// `cross_entropy`). No weights: the logits come from a `Dense` layer before it.
///
/// Legend: Z [B, C] logits, one example a row; y_b the label of row b; P = softmax(Z).
///   log P[b, c] = Z[b, c] − m_b − log Σ_k e^(Z[b, k] − m_b),  m_b = max_k Z[b, k]
///   L = −(1/B) Σ_b log P[b, y_b]
///   dL/dZ[b, c] = (P[b, c] − [c = y_b]) / B
/// With class weights w (`--class-weights`), PyTorch's weighted `cross_entropy`:
///   L = −Σ_b w_{y_b} log P[b, y_b] / Σ_b w_{y_b}
///   dL/dZ[b, c] = w_{y_b} (P[b, c] − [c = y_b]) / Σ_b w_{y_b}
/// (w = 1 everywhere is the unweighted loss, computed as before to the bit: 1/B is used.)
/// Subtracting the row maximum keeps every exponent ≤ 0, so logits like ±1000 neither overflow
/// nor lose the answer.
public enum SoftmaxHead {
  // Pre-specialised for Float: callers that stay generic (the type-erased model) would otherwise
  // run it through witness-table arithmetic, many times slower.
  /// log P, [B, C]: the row-wise log-softmax of `logits`.
  @_specialize(where T == Float)
  public static func logSoftmax<T: Scalar>(_ logits: Matrix<T>) -> Matrix<T> {
    precondition(logits.cols > 0, "softmax over no classes")
    let result = Matrix<T>(rows: logits.rows, cols: logits.cols)
    let columns = logits.cols
    for b in 0..<logits.rows {
      let z = logits.pointer + b * logits.stride
      let out = result.pointer + b * result.stride
      var m = z[0]
      for c in 1..<columns { m = max(m, z[c]) }  // m_b
      var total: T = 0
      for c in 0..<columns { total += T.exp(z[c] - m) }  // Σ_k e^(Z[b, k] − m_b) ≥ 1
      let logTotal = T.log(total)
      for c in 0..<columns { out[c] = z[c] - m - logTotal }
    }
    return result
  }

  /// P, [B, C]: class probabilities for inference; each row sums to 1.
  public static func probabilities<T: Scalar>(_ logits: Matrix<T>) -> Matrix<T> {
    let p = logSoftmax(logits)
    for b in 0..<p.rows {
      let row = p.pointer + b * p.stride
      for c in 0..<p.cols { row[c] = T.exp(row[c]) }  // P = e^(log P)
    }
    return p
  }

  /// The mean negative log-likelihood of `labels` (one class index per row) under softmax(logits),
  /// weighted per class by `classWeights` when given (one positive weight per column), with
  /// log P and dL/dZ.
  @_specialize(where T == Float)
  public static func crossEntropy<T: Scalar>(
    logits: Matrix<T>, labels: [Int], classWeights: [T]? = nil
  ) -> (loss: T, logProbabilities: Matrix<T>, dLogits: Matrix<T>) {
    precondition(labels.count == logits.rows, "\(labels.count) labels for \(logits.rows) rows")
    precondition(classWeights.map { $0.count == logits.cols } ?? true, "one weight per class")
    let logP = logSoftmax(logits)
    let dLogits = Matrix<T>(rows: logits.rows, cols: logits.cols)
    var weightSum: T = 0  // Σ_b w_{y_b}
    if let classWeights { for label in labels { weightSum += classWeights[label] } }
    let scale = classWeights == nil ? 1 / T(logits.rows) : 1 / weightSum
    var total: T = 0
    for (b, label) in labels.enumerated() {
      precondition(label >= 0 && label < logits.cols, "label \(label) outside 0..<\(logits.cols)")
      let row = logP.pointer + b * logP.stride
      let d = dLogits.pointer + b * dLogits.stride
      let w = classWeights?[label] ?? 1  // w_{y_b}
      let s = w * scale  // w_{y_b} / Σ w  (1/B unweighted)
      total -= w * row[label]  // −w_{y_b} log P[b, y_b]
      for c in 0..<logits.cols { d[c] = T.exp(row[c]) * s }  // w_{y_b} P[b, c] / Σ w
      d[label] -= s  // − w_{y_b} [c = y_b] / Σ w
    }
    return (total * scale, logP, dLogits)
  }
}
