/// The skip-gram objective with negative sampling (Mikolov et al. 2013) for one centre word and
/// one context word, forward and backward side by side. v is the centre's input vector, u_0 the
/// context's output vector, u_1 … u_K the output vectors of K words drawn from the noise
/// distribution; s_k = u_k·v:
///   L = −log σ(s_0) − Σ_{k≥1} log σ(−s_k)
///   dL/ds_0 = σ(s_0) − 1,   dL/ds_k = σ(s_k)
///   dL/dv   = Σ_k dL/ds_k u_k,   dL/du_k = dL/ds_k v
/// `SkipGram` takes SGD steps along these gradients; tests check them by finite differences.
public enum NegativeSamplingLoss {
  /// L for centre vector `v` and output vectors `targets` (the context's first, then the noise
  /// words'), each `d` long.
  public static func loss<T: Scalar>(
    v: UnsafePointer<T>, targets: UnsafeBufferPointer<UnsafeMutablePointer<T>>, d: Int
  ) -> T {
    var l: T = 0
    for (k, u) in targets.enumerated() {
      let s = dot(UnsafePointer(u), v, d)
      l -= k == 0 ? logSigmoid(s) : logSigmoid(-s)
    }
    return l
  }

  /// One SGD step at `rate` on the output vectors, u_k −= rate·dL/du_k, and −rate·dL/dv added
  /// into `dv` (computed with the output vectors as they were before the step); returns L.
  /// The caller applies `dv` to v, as word2vec does after each context word.
  @inline(__always)
  public static func step<T: Scalar>(
    v: UnsafePointer<T>, targets: UnsafeBufferPointer<UnsafeMutablePointer<T>>, d: Int, rate: T,
    dv: UnsafeMutablePointer<T>
  ) -> T {
    var l: T = 0
    for (k, u) in targets.enumerated() {
      let s = dot(UnsafePointer(u), v, d)
      l -= k == 0 ? logSigmoid(s) : logSigmoid(-s)
      let g = rate * ((k == 0 ? 1 : 0) - sigmoid(s))  // −rate · dL/ds_k
      for j in 0..<d {
        dv[j] += g * u[j]  // −rate · dL/dv, this target's share
        u[j] += g * v[j]  // u_k −= rate · dL/du_k
      }
    }
    return l
  }

  @inline(__always)
  static func dot<T: Scalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ d: Int) -> T {
    var s: T = 0
    for j in 0..<d { s += a[j] * b[j] }
    return s
  }

  /// σ(s) = 1 / (1 + e^−s).
  @inline(__always)
  static func sigmoid<T: Scalar>(_ s: T) -> T { 1 / (1 + T.exp(-s)) }

  /// log σ(s) = −log(1 + e^−s), computed without overflow for large |s|.
  @inline(__always)
  static func logSigmoid<T: Scalar>(_ s: T) -> T {
    s >= 0 ? -T.log(1 + T.exp(-s)) : s - T.log(1 + T.exp(s))
  }
}
