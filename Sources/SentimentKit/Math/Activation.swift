/// Pointwise nonlinearities σ with derivatives written in terms of the output y = σ(a), which is
/// what backward passes keep.
public enum Activation: String, Codable, CaseIterable, Sendable {
  /// y = tanh(a); dy/da = 1 − y².
  case tanh
  /// y = max(0, a); dy/da = 1 when y > 0, else 0 (PyTorch's choice at a = 0).
  case relu
  /// y = 1 / (1 + e^(−a)); dy/da = y(1 − y).
  case sigmoid

  /// σ(a).
  @inlinable public func apply<T: Scalar>(_ a: T) -> T {
    switch self {
    case .tanh: return T.tanh(a)
    case .relu: return a > 0 ? a : 0
    case .sigmoid: return Activation.sigmoid(a)
    }
  }

  /// dσ/da at the point where σ gave `y`.
  @inlinable public func derivative<T: Scalar>(output y: T) -> T {
    switch self {
    case .tanh: return 1 - y * y
    case .relu: return y > 0 ? 1 : 0
    case .sigmoid: return y * (1 - y)
    }
  }

  /// The logistic function, computed without overflow for large |a|.
  @inlinable public static func sigmoid<T: Scalar>(_ a: T) -> T {
    if a >= 0 { return 1 / (1 + T.exp(-a)) }
    let e = T.exp(a)
    return e / (1 + e)
  }

  /// x ← σ(x) for `count` elements: tanh and sigmoid as whole-run vector code (`VectorMath`).
  @inlinable public func apply<T: Scalar>(_ x: UnsafeMutablePointer<T>, count: Int) {
    switch self {
    case .tanh: T.tanh(x, count: count)
    case .relu: for j in 0..<count { x[j] = x[j] > 0 ? x[j] : 0 }
    case .sigmoid: T.sigmoid(x, count: count)
    }
  }

  /// y = σ(x) for every element, written into `y` (which may be `x`).
  @inlinable public func apply<T: Scalar>(_ x: Matrix<T>, into y: Matrix<T>) {
    precondition(x.rows == y.rows && x.cols == y.cols)
    for r in 0..<x.rows {
      let src = x.pointer + r * x.stride
      let dst = y.pointer + r * y.stride
      if dst != src { dst.update(from: src, count: x.cols) }
      apply(dst, count: x.cols)
    }
  }

  /// g ⊙= σ'(a), with σ' read from the outputs `y`: turns dL/dy into dL/da in place.
  @inlinable public func backward<T: Scalar>(output y: Matrix<T>, gradient g: Matrix<T>) {
    precondition(y.rows == g.rows && y.cols == g.cols)
    for r in 0..<y.rows {
      let out = y.pointer + r * y.stride
      let grad = g.pointer + r * g.stride
      for j in 0..<y.cols { grad[j] *= derivative(output: out[j]) }
    }
  }
}
