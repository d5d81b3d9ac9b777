import Foundation
import SentimentKit

/// The machine's single-precision matrix-product speed as OpenBLAS delivers it: the ceiling the
/// models' achieved GFLOP/s is read against.
public enum GemmCeiling {
  /// GFLOP/s of the best of `repeats` n×n·n×n sgemm calls (2n³ operations each) after one
  /// warm-up call, one call to OpenBLAS split over `threads` of its own threads (the library's
  /// products never run this way; see `BLAS`).
  public static func measure(size n: Int = 2048, repeats: Int = 10, threads: Int) -> Double {
    var generator = SplitMix64(seed: 1)
    let a = Matrix<Float>(rows: n, cols: n)
    let b = Matrix<Float>(rows: n, cols: n)
    Initializer.uniform(1).fill(a, using: &generator)
    Initializer.uniform(1).fill(b, using: &generator)
    let c = Matrix<Float>(rows: n, cols: n)
    return BLAS.withThreads(threads) {
      let product = {
        Float.gemm(
          transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1,
          a: a.pointer, lda: n, b: b.pointer, ldb: n, beta: 0, c: c.pointer, ldc: n)
      }
      product()
      var best = Double.infinity
      for _ in 0..<repeats {
        let stopwatch = Stopwatch()
        product()
        best = min(best, stopwatch.seconds)
      }
      return 2 * Double(n * n * n) / best / 1e9
    }
  }

  /// The ceiling with `coreType`'s kernels: OpenBLAS picks its kernels once, when it loads, so
  /// this runs `executable arguments` (a bench that prints "GFLOP/s-both GFLOP/s-one kernel") in
  /// a child process with `OPENBLAS_CORETYPE` set. Nil when the child fails.
  public static func measureInChild(
    coreType: String, executable: String, arguments: [String]
  ) -> (both: Double, one: Double, kernel: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = coreType
    environment["SENTIMENT_OPENBLAS_REEXEC"] = "1"  // the child keeps the kernel it is given
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard process.terminationStatus == 0, fields.count == 3, let both = Double(fields[0]),
      let one = Double(fields[1])
    else { return nil }
    return (both, one, String(fields[2]))
  }
}
