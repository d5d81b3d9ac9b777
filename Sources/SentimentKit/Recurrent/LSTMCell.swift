// Legend: x_t a row of X [B, I]; h_t, c_t rows of the state [B, H]; W ≙ weight_ih [G·H, I],
// U ≙ weight_hh [G·H, H], b = b_ih + b_hh; σ the logistic function, ⊙ the elementwise product;
// batched W x_t is X·Wᵀ. Gate blocks of H rows in PyTorch's order i, f, g, o (G = 4), or i, g, o
// with coupled gates (G = 3). Peephole vectors p_i, p_f, p_o [H].

/// Long short-term memory (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al.
/// 2000), PyTorch's `nn.LSTM` when `options` is empty; see `LSTMOptions` for peepholes and
/// coupled gates. The state is (h, c); h is emitted and fed back.
public struct LSTMCell<T: Scalar>: RecurrentCell {
  /// W, U, b_ih, b_hh under PyTorch's names, and the peephole vectors when the cell has them.
  public struct Parameters: RecurrentParameters {
    /// W, [G·H, I], "weight_ih_l0".
    public let weightIH: Matrix<T>
    /// U, [G·H, H], "weight_hh_l0".
    public let weightHH: Matrix<T>
    /// b_ih, 1×G·H, "bias_ih_l0".
    public let biasIH: Matrix<T>
    /// b_hh, 1×G·H, "bias_hh_l0".
    public let biasHH: Matrix<T>
    /// p_i, 1×H, "weight_peephole_i_l0" (peephole only).
    public let peepholeI: Matrix<T>?
    /// p_f, 1×H, "weight_peephole_f_l0" (peephole without coupled gates only).
    public let peepholeF: Matrix<T>?
    /// p_o, 1×H, "weight_peephole_o_l0" (peephole only).
    public let peepholeO: Matrix<T>?
    /// Which variant these weights belong to.
    public let options: LSTMOptions

    /// Zero weights for I inputs and H units.
    public init(inputSize: Int, hiddenSize: Int, options: LSTMOptions = []) {
      let width = (options.contains(.coupledGates) ? 3 : 4) * hiddenSize
      weightIH = Matrix(rows: width, cols: inputSize)
      weightHH = Matrix(rows: width, cols: hiddenSize)
      biasIH = Matrix(rows: 1, cols: width)
      biasHH = Matrix(rows: 1, cols: width)
      let peephole = options.contains(.peephole)
      peepholeI = peephole ? Matrix(rows: 1, cols: hiddenSize) : nil
      peepholeF =
        peephole && !options.contains(.coupledGates) ? Matrix(rows: 1, cols: hiddenSize) : nil
      peepholeO = peephole ? Matrix(rows: 1, cols: hiddenSize) : nil
      self.options = options
    }

    /// The state_dict entries: PyTorch's four, then the peephole vectors present.
    public var namedTensors: [NamedTensor<T>] {
      var tensors = [
        NamedTensor("weight_ih_l0", matrix: weightIH),
        NamedTensor("weight_hh_l0", matrix: weightHH),
        NamedTensor("bias_ih_l0", vector: biasIH), NamedTensor("bias_hh_l0", vector: biasHH),
      ]
      let peepholes = [("i", peepholeI), ("f", peepholeF), ("o", peepholeO)]
      for case (let gate, let p?) in peepholes {
        tensors.append(NamedTensor("weight_peephole_\(gate)_l0", vector: p))
      }
      return tensors
    }

    /// Zeros of the same shapes.
    public func zerosLike() -> Parameters {
      Parameters(inputSize: weightIH.cols, hiddenSize: weightHH.cols, options: options)
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// A cell with zero weights.
  public init(inputSize: Int, hiddenSize: Int, options: LSTMOptions = []) {
    parameters = Parameters(inputSize: inputSize, hiddenSize: hiddenSize, options: options)
  }

  /// A cell with PyTorch's default weights: every tensor (peepholes too) from U(−1/√H, 1/√H).
  public init(
    inputSize: Int, hiddenSize: Int, options: LSTMOptions = [],
    using generator: inout some RandomNumberGenerator
  ) {
    self.init(inputSize: inputSize, hiddenSize: hiddenSize, options: options)
    parameters.fillUniform(hiddenSize: hiddenSize, using: &generator)
  }

  /// The variant.
  public var options: LSTMOptions { parameters.options }
  /// H.
  public var hiddenSize: Int { parameters.weightHH.cols }
  /// The state has a memory cell c [B, H].
  public var hasCellMemory: Bool { true }
  /// H.
  public var memorySize: Int { hiddenSize }
  /// H: the cache keeps tanh(c_t).
  public var cacheWidth: Int { hiddenSize }

  /// First column of each gate block in gx: i, f (nil when coupled), g, o.
  private var blocks: (f: Int?, g: Int, o: Int) {
    let h = hiddenSize
    return options.contains(.coupledGates) ? (nil, h, 2 * h) : (h, 2 * h, 3 * h)
  }

  // One step, gate rows i, f, g, o; a = W x_t + b_ih + U h_{t-1} + b_hh, all in gx (readsGateSum):
  //   i_t = σ(a_i + p_i ⊙ c_{t-1})                 [p_i: peephole only]
  //   f_t = σ(a_f + p_f ⊙ c_{t-1})                 coupled: f_t = 1 − i_t
  //   g_t = tanh(a_g)
  //   c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
  //   o_t = σ(a_o + p_o ⊙ c_t)                     the new c, as TF-Keras
  //   h_t = o_t ⊙ tanh(c_t)
  // gx keeps the gate values i, f, g, o in place of their pre-activations; the cache keeps tanh(c_t).
  // Each row is a few passes over contiguous runs (σ over i|f, tanh over g, …) so the
  // activations run as whole-run vector code (`VectorMath`; Double's is the C library's, exact).
  // Pre-specialised for Float and Double: callers that stay generic (other modules, existentials)
  // would otherwise run this loop through witness-table arithmetic, several times slower.
  /// Forward: (h_t, c_t) from gx, gh and (h_{t−1}, c_{t−1}).
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func forward(_ step: StepBuffers<T>) {
    guard let cPrevious = step.previous.c, let cNext = step.next.c else {
      preconditionFailure("LSTM states carry c")
    }
    let n = hiddenSize
    let (fBlock, gBlock, oBlock) = blocks
    let pi = parameters.peepholeI?.pointer
    let pf = parameters.peepholeF?.pointer
    let po = parameters.peepholeO?.pointer
    for r in 0..<step.gx.rows {
      let a = step.gx.pointer + r * step.gx.stride  // a, then the gate values
      let cp = cPrevious.pointer + r * cPrevious.stride
      let c = cNext.pointer + r * cNext.stride
      let h = step.next.h.pointer + r * step.next.h.stride
      let tanhC = step.cache.pointer + r * step.cache.stride
      if let pi { for j in 0..<n { a[j] += pi[j] * cp[j] } }  // a_i += p_i ⊙ c_{t-1}
      if let fBlock, let pf { for j in 0..<n { (a + fBlock)[j] += pf[j] * cp[j] } }
      T.sigmoid(a, count: gBlock)  // i (and f) = σ(a_i), σ(a_f)
      T.tanh(a + gBlock, count: n)  // g = tanh(a_g)
      let (g, o) = (a + gBlock, a + oBlock)  // block pointers: no index arithmetic in loops
      if let fBlock {
        let f = a + fBlock
        for j in 0..<n { c[j] = f[j] * cp[j] + a[j] * g[j] }  // c = f ⊙ c_{t-1} + i ⊙ g
      } else {
        for j in 0..<n { c[j] = (1 - a[j]) * cp[j] + a[j] * g[j] }  // f = 1 − i
      }
      if let po { for j in 0..<n { o[j] += po[j] * c[j] } }  // a_o += p_o ⊙ c_t
      T.sigmoid(o, count: n)  // o = σ(a_o)
      tanhC.update(from: c, count: n)
      T.tanh(tanhC, count: n)
      for j in 0..<n { h[j] = o[j] * tanhC[j] }  // h = o ⊙ tanh(c_t)
    }
  }

  // Backward (dh_t in dNext.h; dc_t, carried from step t+1, in dNext.c):
  //   da_o = dh_t ⊙ tanh(c_t) ⊙ o_t(1 − o_t)
  //   dc_t += dh_t ⊙ o_t ⊙ (1 − tanh²c_t)  [+ da_o ⊙ p_o]           ← before the lines below
  //   da_i = dc_t ⊙ g_t ⊙ i_t(1 − i_t)     coupled: dc_t ⊙ (g_t − c_{t-1}) ⊙ i_t(1 − i_t)
  //   da_f = dc_t ⊙ c_{t-1} ⊙ f_t(1 − f_t);   da_g = dc_t ⊙ i_t ⊙ (1 − g_t²)
  //   dc_{t-1} = dc_t ⊙ f_t  [+ da_i ⊙ p_i + da_f ⊙ p_f]           coupled: f_t = 1 − i_t
  //   dp_i += Σ_rows da_i ⊙ c_{t-1};  dp_f += Σ_rows da_f ⊙ c_{t-1};  dp_o += Σ_rows da_o ⊙ c_t
  //   dgx = dgh = da (one matrix: readsGateSum);  dh_{t-1} = da U  (added by Recurrent)
  /// Backward: da into dgx and dgh, dc_{t−1}, and the peephole gradients into `grads`.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func backward(
    _ step: StepBuffers<T>, _ gradients: StepGradients<T>, into grads: inout Parameters
  ) {
    guard let cPrevious = step.previous.c, let cNext = step.next.c,
      let dcNext = gradients.dNext.c, let dcPrevious = gradients.dPrevious.c
    else { preconditionFailure("LSTM states carry c") }
    let n = hiddenSize
    let (fBlock, gBlock, oBlock) = blocks
    let pi = parameters.peepholeI?.pointer
    let pf = parameters.peepholeF?.pointer
    let po = parameters.peepholeO?.pointer
    let dpi = grads.peepholeI?.pointer
    let dpf = grads.peepholeF?.pointer
    let dpo = grads.peepholeO?.pointer
    let dNext = gradients.dNext.h
    let da = gradients.dgx
    for r in 0..<da.rows {
      let gates = step.gx.pointer + r * step.gx.stride  // gate values i, f, g, o
      let tanhCRow = step.cache.pointer + r * step.cache.stride
      let cpRow = cPrevious.pointer + r * cPrevious.stride
      let cRow = cNext.pointer + r * cNext.stride
      let dh = dNext.pointer + r * dNext.stride
      let dc = dcNext.pointer + r * dcNext.stride
      let dcp = dcPrevious.pointer + r * dcPrevious.stride
      let dai = da.pointer + r * da.stride  // da_i, da_f, da_g, da_o
      for j in stride(from: 0, to: n, by: 16) {
        let k = Swift.min(16, n - j)
        let i = gates.lanes(at: j, count: k)
        let g = (gates + gBlock).lanes(at: j, count: k)
        let o = (gates + oBlock).lanes(at: j, count: k)
        let tanhC = tanhCRow.lanes(at: j, count: k)
        let cp = cpRow.lanes(at: j, count: k)
        let dhj = dh.lanes(at: j, count: k)
        let dao = dhj * tanhC * o * (1 - o)  // da_o
        var dct = dc.lanes(at: j, count: k) + dhj * o * (1 - tanhC * tanhC)  // dc_t
        if let po, let dpo {
          dct += dao * po.lanes(at: j, count: k)  // dc_t += da_o ⊙ p_o
          dpo.setLanes(at: j, count: k, to: dpo.lanes(at: j, count: k) + dao * cRow.lanes(at: j, count: k))
        }
        let dag = dct * i * (1 - g * g)  // da_g
        let daI: SIMD16<T>
        var dcPrev: SIMD16<T>
        if let fBlock {
          let f = (gates + fBlock).lanes(at: j, count: k)
          let daf = dct * cp * f * (1 - f)  // da_f
          daI = dct * g * i * (1 - i)  // da_i
          dcPrev = dct * f  // dc_{t-1}
          if let pf, let dpf {
            dcPrev += daf * pf.lanes(at: j, count: k)  // dc_{t-1} += da_f ⊙ p_f
            dpf.setLanes(at: j, count: k, to: dpf.lanes(at: j, count: k) + daf * cp)
          }
          (dai + fBlock).setLanes(at: j, count: k, to: daf)
        } else {
          daI = dct * (g - cp) * i * (1 - i)  // da_i, coupled
          dcPrev = dct * (1 - i)  // dc_{t-1}
        }
        if let pi, let dpi {
          dcPrev += daI * pi.lanes(at: j, count: k)  // dc_{t-1} += da_i ⊙ p_i
          dpi.setLanes(at: j, count: k, to: dpi.lanes(at: j, count: k) + daI * cp)
        }
        dai.setLanes(at: j, count: k, to: daI)
        (dai + gBlock).setLanes(at: j, count: k, to: dag)
        (dai + oBlock).setLanes(at: j, count: k, to: dao)
        dcp.setLanes(at: j, count: k, to: dcPrev)
      }
    }
    gradients.dPrevious.h.fill(0)
  }
}
