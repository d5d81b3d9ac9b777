import Foundation

/// Ways to fill a fresh weight matrix [fanOut, fanIn] (PyTorch's out × in layout).
public enum Initializer: Sendable {
  /// U(−k, k): PyTorch's default for recurrent layers with k = 1/√H.
  case uniform(Double)
  /// Glorot/Xavier uniform: U(−l, l), l = √(6 / (fanIn + fanOut)) (Keras' default kernel).
  case glorotUniform
  /// A (semi-)orthogonal matrix from Gram–Schmidt on Gaussian rows or columns (Keras' default
  /// recurrent kernel; Saxe et al. 2014), applied per gate block by the caller.
  case orthogonal
  /// N(0, 1): PyTorch's default for embeddings.
  case normal
  /// All zeros.
  case zeros

  /// Fills `m` using `generator`.
  public func fill<T: Scalar, G: RandomNumberGenerator>(_ m: Matrix<T>, using generator: inout G) {
    switch self {
    case .uniform(let k):
      for r in 0..<m.rows { for c in 0..<m.cols { m[r, c] = T(Double.random(in: -k...k, using: &generator)) } }
    case .glorotUniform:
      let limit = (6.0 / Double(m.rows + m.cols)).squareRoot()
      Initializer.uniform(limit).fill(m, using: &generator)
    case .normal:
      for r in 0..<m.rows { for c in 0..<m.cols { m[r, c] = T(Initializer.gaussian(using: &generator)) } }
    case .orthogonal:
      Initializer.fillOrthogonal(m, using: &generator)
    case .zeros:
      m.fill(0)
    }
  }

  /// One standard normal draw (Box–Muller).
  static func gaussian<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
    let u2 = Double.random(in: 0..<1, using: &generator)
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
  }

  /// Orthonormal rows when rows ≤ cols, orthonormal columns otherwise.
  static func fillOrthogonal<T: Scalar, G: RandomNumberGenerator>(_ m: Matrix<T>, using generator: inout G) {
    let wide = m.rows <= m.cols
    let count = wide ? m.rows : m.cols  // vectors to orthonormalise
    let length = wide ? m.cols : m.rows
    var vectors = [[Double]]()
    while vectors.count < count {
      var v = (0..<length).map { _ in gaussian(using: &generator) }
      for u in vectors {
        let projection = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<length { v[i] -= projection * u[i] }
      }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 1e-6 else { continue }  // a draw (nearly) in the span so far: draw again
      vectors.append(v.map { $0 / norm })
    }
    for (i, v) in vectors.enumerated() {
      for (j, x) in v.enumerated() {
        if wide { m[i, j] = T(x) } else { m[j, i] = T(x) }
      }
    }
  }
}
