import SentimentKit

/// A small seeded generator for tests (Marsaglia's xorshift64*), so test data is the same on every
/// run without depending on the library's own generator.
struct TestRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }

  /// A rows × cols matrix with entries from U(−1, 1).
  mutating func matrix<T: Scalar>(rows: Int, cols: Int, as _: T.Type = T.self) -> Matrix<T> {
    Matrix(
      rows: rows, cols: cols,
      data: (0..<rows * cols).map { _ in T(Double.random(in: -1...1, using: &self)) })
  }
}
