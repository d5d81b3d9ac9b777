/// A language model's next-word softmax over a large vocabulary, scored on a sample of candidate
/// words (sampled softmax: Bengio & Senécal 2008, Jean et al. 2015), forward and backward side
/// by side. The cost per prediction follows the candidates, K, instead of the vocabulary, V.
///
/// Legend: h_m [D] the features of prediction m (m = 0 ..< M), t_m its target word; W [V, D] and
/// b [V] the output layer; z_m(w) = W[w]·h_m + b[w]. The full softmax's loss is
///   L_m = log Σ_w e^{z_m(w)} − z_m(t_m).
/// A `CandidateSet` S holds words drawn with inclusion probabilities π. The sum over the words
/// other than t_m is estimated as Horvitz and Thompson do, each sampled word standing for 1/π
/// of itself:
///   Σ_{w ≠ t} e^{z(w)} ≈ Σ_{s ∈ S, s ≠ t} e^{ẑ(s)},   ẑ_m(s) = z_m(s) − log π_s
/// so that
///   L_m ≈ log(e^{z_m(t_m)} + Σ_{s ≠ t_m} e^{ẑ_m(s)}) − z_m(t_m).
/// A candidate equal to t_m (an "accidental hit") is left out of its row's sum. With S every
/// word (π = 1) this is the full softmax exactly. With p_m the softmax over those logits and
/// c the caller's scale (1/M for a mean):
///   dz_m(t_m) = c (p_m(t_m) − 1),   dẑ_m(s) = c p_m(s)
///   dh_m = Σ_s dẑ_m(s) W[s] + dz_m(t_m) W[t_m]
///   dW[s] += Σ_m dẑ_m(s) h_m,   dW[t_m] += dz_m(t_m) h_m,   db the same sums without h.
/// The scores run in blocks of rows (Z is [rows, K]), so memory stays bounded for any M.
public enum SampledSoftmax {
  /// The gradients of W and b that `loss` adds into.
  public struct Gradients<T: Scalar> {
    /// dW, [V, D].
    public let weight: Matrix<T>
    /// db, [1, V].
    public let bias: Matrix<T>

    /// Accumulators for the output layer's two tensors.
    public init(weight: Matrix<T>, bias: Matrix<T>) {
      self.weight = weight
      self.bias = bias
    }
  }

  /// Σ_m L_m for `features` [M, D] and `targets` (M word ids), scored over `candidates`; when
  /// `gradients` is given, adds d(scale · Σ L_m)/dW and /db into it and returns dL/d(features).
  @_specialize(where T == Float)
  public static func loss<T: Scalar>(
    features: Matrix<T>, targets: [Int32], weight: Matrix<T>, bias: Matrix<T>,
    candidates: CandidateSet, scale: T = 1, gradients: Gradients<T>? = nil
  ) -> (loss: Double, dFeatures: Matrix<T>?) {
    let (m, d, k) = (features.rows, features.cols, candidates.ids.count)
    precondition(targets.count == m, "\(targets.count) targets for \(m) rows")
    precondition(weight.cols == d && bias.rows == 1 && bias.cols == weight.rows, "W [V, \(d)], b [1, V]")
    precondition(k > 0, "no candidates")
    let vocabulary = weight.rows
    let candidateRows = candidates.ids.map { Int($0) }
    let ws = weight.gatheringRows(candidateRows)  // W[S], [K, D]
    let bs = Matrix<T>(rows: 1, cols: k)  // b[s] − log π_s
    var position = [Int32](repeating: -1, count: vocabulary)
    for (j, id) in candidateRows.enumerated() {
      bs[0, j] = bias[0, id] - T(candidates.logInclusion[j])
      position[id] = Int32(j)
    }
    let dFeatures = gradients.map { _ in Matrix<T>(rows: m, cols: d) }
    let dWS = gradients.map { _ in Matrix<T>(rows: k, cols: d) }
    let dbS = gradients.map { _ in Matrix<T>(rows: 1, cols: k) }
    var rowLosses = [Double](repeating: 0, count: m)
    // The products on our kernels (see `PanelMatrix`, `addTransposedProduct`), their rows (or
    // dW[S]'s) cut among the cores: each row is computed alone, so the cut leaves the bits alone.
    let wsTransposed = PanelMatrix(ws, transposed: true)  // W[S]ᵀ [D, K]
    let wsPanels = PanelMatrix(ws)  // W[S] [K, D]
    let blockRows = max(64, (1 << 22) / k)
    for start in stride(from: 0, to: m, by: blockRows) {
      let rows = start..<min(m, start + blockRows)
      let h = features.rows(rows)
      let z = Matrix<T>(uninitializedRows: rows.count, cols: k)
      z.fillEachRow(with: bs)
      Parallel.forEachRange(rows.count, minimum: 64) { r in
        wsTransposed.multiplyAdd(h.rows(r), into: z.rows(r))  // ẑ = H W[S]ᵀ + b[S] − log π
      }
      var targetGradient = [T](repeating: 0, count: rows.count)  // dz_m(t_m)
      rowLosses.withUnsafeMutableBufferPointer { losses in
        targetGradient.withUnsafeMutableBufferPointer { dTarget in
          Parallel.forEachRange(rows.count, minimum: 256) { range in
            for i in range {
              let t = Int(targets[rows.lowerBound + i])
              precondition(t >= 0 && t < vocabulary, "target \(t) outside 0..<\(vocabulary)")
              let row = z.pointer + i * z.stride
              var zt = bias[0, t]  // z(t) = W[t]·h + b[t]
              let wt = weight.pointer + t * weight.stride
              let hi = h.pointer + i * h.stride
              for j in 0..<d { zt += wt[j] * hi[j] }
              let hit = Int(position[t])
              if hit >= 0 { row[hit] = -T.infinity }  // t counts once, as itself
              var top = zt
              for j in 0..<k { top = max(top, row[j]) }
              for j in 0..<k { row[j] -= top }
              T.exponential(row, count: k)  // e^{ẑ − max}; the hit gives 0
              if hit >= 0 { row[hit] = 0 }
              let et = T.exp(zt - top)
              var sum = et
              for j in 0..<k { sum += row[j] }
              losses[rows.lowerBound + i] = Double(top + T.log(sum) - zt)  // log Σ − z(t)
              guard gradients != nil else { continue }
              let factor = scale / sum
              for j in 0..<k { row[j] *= factor }  // dẑ(s) = c p(s)
              dTarget[i] = scale * (et / sum - 1)  // dz(t) = c (p(t) − 1)
            }
          }
        }
      }
      guard let gradients, let dFeatures, let dWS, let dbS else { continue }
      let dh = dFeatures.rows(rows)
      Parallel.forEachRange(rows.count, minimum: 64) { r in
        wsPanels.multiplyAdd(z.rows(r), into: dh.rows(r))  // dH = dẐ W[S] (dH starts at zeros)
      }
      Parallel.forEachRange(k, minimum: 64) { c in
        dWS.rows(c).addTransposedProduct(z.columns(c), h)  // dW[S] += dẐᵀ H
      }
      z.addColumnSums(into: dbS)  // db[S] += Σ_m dẐ
      for i in 0..<rows.count {
        let t = Int(targets[rows.lowerBound + i])
        let g = targetGradient[i]
        let wt = weight.pointer + t * weight.stride
        let dwt = gradients.weight.pointer + t * gradients.weight.stride
        let hi = h.pointer + i * h.stride
        let dhi = dh.pointer + i * dh.stride
        for j in 0..<d {
          dhi[j] += g * wt[j]  // dh += dz(t) W[t]
          dwt[j] += g * hi[j]  // dW[t] += dz(t) h
        }
        gradients.bias[0, t] += g
      }
    }
    if let gradients, let dWS, let dbS {
      for (j, id) in candidateRows.enumerated() {  // scatter dW[S], db[S] into dW, db
        let source = dWS.pointer + j * dWS.stride
        let target = gradients.weight.pointer + id * gradients.weight.stride
        for c in 0..<d { target[c] += source[c] }
        gradients.bias[0, id] += dbS[0, j]
      }
    }
    return (rowLosses.reduce(0, +), dFeatures)
  }
}
