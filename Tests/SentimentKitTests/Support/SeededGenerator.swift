import SentimentKit

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator, so that every random weight,
/// input and loss weight in the tests is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A rows × cols matrix of U(−1, 1) values.
  mutating func matrix<T: Scalar>(_ rows: Int, _ cols: Int, as: T.Type = T.self) -> Matrix<T> {
    let m = Matrix<T>(rows: rows, cols: cols)
    Initializer.uniform(1).fill(m, using: &self)
    return m
  }
}
