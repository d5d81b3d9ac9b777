import SentimentKit

/// The machine's single-precision matrix-product speed as OpenBLAS delivers it: the ceiling the
/// models' achieved GFLOP/s is read against.
enum GemmCeiling {
  /// GFLOP/s of the best of `repeats` n×n·n×n sgemm calls (2n³ operations each) after one
  /// warm-up call, with OpenBLAS using `threads` threads.
  static func measure(size n: Int = 2048, repeats: Int = 10, threads: Int) -> Double {
    var generator = SplitMix64(seed: 1)
    let a = Matrix<Float>(rows: n, cols: n)
    let b = Matrix<Float>(rows: n, cols: n)
    Initializer.uniform(1).fill(a, using: &generator)
    Initializer.uniform(1).fill(b, using: &generator)
    let c = Matrix<Float>(rows: n, cols: n)
    let saved = BLAS.threads
    BLAS.threads = threads
    defer { BLAS.threads = saved }
    c.setProduct(a, b)
    var best = Double.infinity
    for _ in 0..<repeats {
      let stopwatch = Stopwatch()
      c.setProduct(a, b)
      best = min(best, stopwatch.seconds)
    }
    return 2 * Double(n * n * n) / best / 1e9
  }
}
