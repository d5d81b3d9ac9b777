import SentimentKit

extension SplitMix64 {
  /// A rows × cols matrix with entries from U(−1, 1): test inputs, weights and loss weights that
  /// are the same on every run.
  mutating func matrix<T: Scalar>(rows: Int, cols: Int, as _: T.Type = T.self) -> Matrix<T> {
    let m = Matrix<T>(rows: rows, cols: cols)
    Initializer.uniform(1).fill(m, using: &self)
    return m
  }
}
