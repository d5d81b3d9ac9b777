/// In-place sigmoid, tanh and eˣ over contiguous runs: the activations of every recurrent step
/// and the language model's softmax.
///
/// `Double` (gradient checks, parity) uses the C library. `Float` (training) uses branch-free
/// polynomial approximations that the compiler vectorises: about 2e-7 relative error, an order of
/// magnitude faster than calling `tanhf` per element.
///   eˣ = 2ⁿ · eʳ,  n = round(x / ln 2),  r = x − n ln 2 (ln 2 split in two parts for precision),
///        eʳ ≈ 1 + r + r² P(r)                     (degree-5 P: the Cephes `expf` coefficients)
///   tanh x ≈ x + x³ Q(x²)           for |x| < 0.625 (degree-4 Q: the Cephes `tanhf` coefficients)
///   tanh x = sign(x) (1 − 2 / (e^{2|x|} + 1))  otherwise
///   σ(x) = 1 / (1 + e^{−x})
public protocol VectorMath {
  /// x ← σ(x) for `count` elements.
  static func sigmoid(_ x: UnsafeMutablePointer<Self>, count: Int)
  /// x ← tanh(x) for `count` elements.
  static func tanh(_ x: UnsafeMutablePointer<Self>, count: Int)
  /// x ← eˣ for `count` elements.
  static func exponential(_ x: UnsafeMutablePointer<Self>, count: Int)
}

extension Double: VectorMath {
  /// x ← σ(x), exactly as `Activation.sigmoid`.
  public static func sigmoid(_ x: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { x[i] = Activation.sigmoid(x[i]) }
  }
  /// x ← tanh(x) with the C library.
  public static func tanh(_ x: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { x[i] = Double.tanh(x[i]) }
  }
  /// x ← eˣ with the C library.
  public static func exponential(_ x: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { x[i] = Double.exp(x[i]) }
  }
}

extension Float: VectorMath {
  /// eˣ without branches; inputs are clamped to the range where the result is a normal float.
  @inline(__always) static func approximateExp(_ xIn: Float) -> Float {
    let x = Swift.min(Swift.max(xIn, -87.3), 88.3)
    // Adding 1.5·2²³ rounds x / ln 2 to an integer n held in the low mantissa bits of t.
    let t = x * 1.442_695_04 + 12_582_912
    let n = t - 12_582_912
    let r = (x - n * 0.693_359_375) + n * 2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * (r * r) + r + 1
    let twoToN = Float(bitPattern: (t.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)  // 2ⁿ
    return p * twoToN
  }

  /// x ← eˣ (0 below about −87.3, where eˣ is no longer a normal float).
  public static func exponential(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { x[i] = x[i] < -87.3 ? 0 : approximateExp(x[i]) }
  }

  /// x ← 1 / (1 + e^{−x}).
  public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { x[i] = 1 / (1 + approximateExp(-x[i])) }
  }

  /// x ← tanh x: the odd polynomial near 0 (where 1 − 2/(e^{2x}+1) would cancel), the
  /// exponential form elsewhere, sign copied from x.
  public static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count {
      let v = x[i]
      let magnitude = Swift.abs(v)
      let z = v * v
      var q: Float = -5.704_988_72e-3
      q = q * z + 2.063_908_88e-2
      q = q * z - 5.373_971_55e-2
      q = q * z + 1.333_144_22e-1
      q = q * z - 3.333_328_19e-1
      let near = q * z * v + v
      let far = 1 - 2 / (approximateExp(2 * magnitude) + 1)
      let farSigned = Float(bitPattern: far.bitPattern | (v.bitPattern & 0x8000_0000))
      x[i] = magnitude < 0.625 ? near : farSigned
    }
  }
}
