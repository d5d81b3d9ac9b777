// Legend: x_t a row of X [B, I]; h_t a row of the state [B, H]; W ≙ weight_ih [3H, I],
// U ≙ weight_hh [3H, H], b_ih, b_hh [3H]; gate blocks of H rows in PyTorch's order r, z, n
// (W_r, U_n, b_hn… are the blocks); σ the logistic function, ⊙ the elementwise product;
// batched W x_t is X·Wᵀ.

/// The gated recurrent unit (Cho et al. 2014) in either published form (see `GRUVariant`);
/// `.resetAfter` is PyTorch's `nn.GRU`. Three gate blocks r, z, n (G = 3); the state is h.
public struct GRUCell<T: Scalar>: RecurrentCell {
  /// W, U, b_ih, b_hh under PyTorch's names (blocks r, z, n).
  public typealias Parameters = RecurrentWeights<T>

  /// The weights.
  public var parameters: Parameters
  /// Where the reset gate acts.
  public let variant: GRUVariant

  /// A cell with zero weights.
  public init(inputSize: Int, hiddenSize: Int, variant: GRUVariant = .resetAfter) {
    parameters = Parameters(gates: 3, inputSize: inputSize, hiddenSize: hiddenSize)
    self.variant = variant
  }

  /// A cell with PyTorch's default weights: everything from U(−1/√H, 1/√H).
  public init(
    inputSize: Int, hiddenSize: Int, variant: GRUVariant = .resetAfter,
    using generator: inout some RandomNumberGenerator
  ) {
    self.init(inputSize: inputSize, hiddenSize: hiddenSize, variant: variant)
    parameters.fillUniform(hiddenSize: hiddenSize, using: &generator)
  }

  /// H.
  public var hiddenSize: Int { parameters.weightHH.cols }
  /// 3H after the reset; 2H before it, where the cell multiplies U_n (r ⊙ h_{t−1}) itself.
  public var projectedWidth: Int { (variant == .resetAfter ? 3 : 2) * hiddenSize }
  /// No: the reset gate scales gh's n block.
  public var readsGateSum: Bool { false }
  /// H before the reset (the cache keeps r_t ⊙ h_{t−1}); nothing after it.
  public var cacheWidth: Int { variant == .resetAfter ? 0 : hiddenSize }

  // One step, gate rows r, z, n; a = gx + gh = W x_t + b_ih + U h_{t-1} + b_hh (n block: see below):
  //   r_t = σ(a_r)
  //   z_t = σ(a_z)
  //   resetAfter:  n_t = tanh(W_n x_t + b_in + r_t ⊙ (U_n h_{t-1} + b_hn))
  //   resetBefore: n_t = tanh(W_n x_t + b_in + U_n (r_t ⊙ h_{t-1}) + b_hn)
  //   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
  // This z is PyTorch's (and Keras', and Cho et al.'s): the share of h_{t-1} kept. Chung et al.
  // 2014 and many textbooks write its complement, h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ n_t.
  // gx keeps r, z, n in place of their pre-activations; gh's n block keeps U_n h_{t-1} + b_hn
  // (resetAfter) for backward. Each row is a few passes over contiguous runs, so σ and tanh run
  // as whole-run vector code (`VectorMath`; Double's is the C library's, exact).
  // Pre-specialised for Float and Double: callers that stay generic (other modules, existentials)
  // would otherwise run this loop through witness-table arithmetic, several times slower.
  /// Forward: h_t from gx, gh and h_{t−1}.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func forward(_ step: StepBuffers<T>) {
    let n = hiddenSize
    let resetAfter = variant == .resetAfter
    let hPrevious = step.previous.h
    for r in 0..<step.gx.rows {
      let a = step.gx.pointer + r * step.gx.stride  // a, then the gate values
      let gh = step.gh.pointer + r * step.gh.stride
      let hp = hPrevious.pointer + r * hPrevious.stride
      let resetH = step.cache.pointer + r * step.cache.stride
      for j in 0..<2 * n { a[j] += gh[j] }  // a_r, a_z
      T.sigmoid(a, count: 2 * n)  // r, z = σ(a_r), σ(a_z)
      if !resetAfter { for j in 0..<n { resetH[j] = a[j] * hp[j] } }  // r ⊙ h_{t-1}
    }
    if !resetAfter {
      // gh_n = U_n (r ⊙ h_{t-1}) + b_hn
      let un = parameters.weightHH.rows(2 * n..<3 * n)
      step.gh.columns(2 * n..<3 * n).addProduct(step.cache, un, transposeB: true)
    }
    for r in 0..<step.gx.rows {
      let gate = step.gx.pointer + r * step.gx.stride
      let gh = step.gh.pointer + r * step.gh.stride
      let hp = hPrevious.pointer + r * hPrevious.stride
      let h = step.next.h.pointer + r * step.next.h.stride
      let (z, candidate, ghN) = (gate + n, gate + 2 * n, gh + 2 * n)  // block pointers
      if resetAfter {
        for j in 0..<n { candidate[j] += gate[j] * ghN[j] }  // W_n x + b_in + r ⊙ (U_n h + b_hn)
      } else {
        for j in 0..<n { candidate[j] += ghN[j] }  // W_n x + b_in + U_n (r ⊙ h) + b_hn
      }
      T.tanh(candidate, count: n)  // n_t
      for j in 0..<n { h[j] = (1 - z[j]) * candidate[j] + z[j] * hp[j] }  // h_t
    }
  }

  // Backward (dh_t in dNext.h):
  //   da_n = dh_t ⊙ (1 − z_t) ⊙ (1 − n_t²);   dgx_n = da_n
  //   da_z = dh_t ⊙ (h_{t-1} − n_t) ⊙ z_t(1 − z_t);   dgx_z = dgh_z = da_z
  //   dh_{t-1} = dh_t ⊙ z_t  [+ the reset path below]  + dgh[..<w] U[..<w]  (that by Recurrent)
  //   resetAfter:  dgh_n = da_n ⊙ r_t;   dr_t = da_n ⊙ (U_n h_{t-1} + b_hn)
  //   resetBefore: dgh_n = da_n;   dU_n += da_nᵀ (r_t ⊙ h_{t-1});   d(r⊙h) = da_n U_n
  //                dr_t = d(r⊙h) ⊙ h_{t-1};   dh_{t-1} += d(r⊙h) ⊙ r_t
  //   da_r = dr_t ⊙ r_t(1 − r_t);   dgx_r = dgh_r = da_r
  /// Backward: dgx, dgh, the elementwise part of dh_{t−1}, and (reset before) U_n's gradient.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func backward(
    _ step: StepBuffers<T>, _ gradients: StepGradients<T>, into grads: inout Parameters
  ) {
    let n = hiddenSize
    let resetAfter = variant == .resetAfter
    let hPrevious = step.previous.h
    let dNext = gradients.dNext.h
    let dPrevious = gradients.dPrevious.h
    let dgx = gradients.dgx
    let dgh = gradients.dgh
    // Block pointers, 16 lanes at a time (SIMD16), as in the LSTM: one pass per row.
    for r in 0..<dgx.rows {
      let reset = step.gx.pointer + r * step.gx.stride  // r, z, n blocks
      let (z, candidate) = (reset + n, reset + 2 * n)
      let ghN = step.gh.pointer + r * step.gh.stride + 2 * n
      let hp = hPrevious.pointer + r * hPrevious.stride
      let dh = dNext.pointer + r * dNext.stride
      let dhp = dPrevious.pointer + r * dPrevious.stride
      let dxR = dgx.pointer + r * dgx.stride
      let (dxZ, dxN) = (dxR + n, dxR + 2 * n)
      let dhR = dgh.pointer + r * dgh.stride
      let (dhZ, dhN) = (dhR + n, dhR + 2 * n)
      for j in stride(from: 0, to: n, by: 16) {  // 16 lanes at a time
        let k = Swift.min(16, n - j)
        let dhj = dh.lanes(at: j, count: k)
        let zj = z.lanes(at: j, count: k)
        let nj = candidate.lanes(at: j, count: k)
        let dan = dhj * (1 - zj) * (1 - nj * nj)  // da_n
        let daz = dhj * (hp.lanes(at: j, count: k) - nj) * zj * (1 - zj)  // da_z
        dxN.setLanes(at: j, count: k, to: dan)
        dxZ.setLanes(at: j, count: k, to: daz)
        dhZ.setLanes(at: j, count: k, to: daz)
        dhp.setLanes(at: j, count: k, to: dhj * zj)  // dh_{t-1} = dh_t ⊙ z_t
        if resetAfter {
          let rj = reset.lanes(at: j, count: k)
          let dar = dan * ghN.lanes(at: j, count: k) * rj * (1 - rj)  // da_r
          dhN.setLanes(at: j, count: k, to: dan * rj)  // dgh_n = da_n ⊙ r_t
          dxR.setLanes(at: j, count: k, to: dar)
          dhR.setLanes(at: j, count: k, to: dar)
        } else {
          dhN.setLanes(at: j, count: k, to: dan)  // dgh_n = da_n
        }
      }
    }
    guard !resetAfter else { return }
    let un = parameters.weightHH.rows(2 * n..<3 * n)
    let dan = dgx.columns(2 * n..<3 * n)
    // dU_n += da_nᵀ (r ⊙ h_{t-1})
    grads.weightHH.rows(2 * n..<3 * n).addProduct(dan, step.cache, transposeA: true)
    let dResetH = dgx.columns(0..<n)  // d(r⊙h) parked in dgx_r until turned into da_r below
    dResetH.setProduct(dan, un)  // d(r⊙h) = da_n U_n
    for r in 0..<dgx.rows {
      let gate = step.gx.pointer + r * step.gx.stride
      let hp = hPrevious.pointer + r * hPrevious.stride
      let dhp = dPrevious.pointer + r * dPrevious.stride
      let gxGrad = dgx.pointer + r * dgx.stride
      let ghGrad = dgh.pointer + r * dgh.stride
      for j in 0..<n {
        let reset = gate[j]
        let drh = gxGrad[j]
        dhp[j] += drh * reset
        let dar = drh * hp[j] * reset * (1 - reset)
        gxGrad[j] = dar
        ghGrad[j] = dar
      }
    }
  }
}
