import Foundation
import SentimentKit

/// Picks OpenBLAS's kernels for CPUs its build does not recognise. OpenBLAS 0.3.21 does not know
/// Sapphire Rapids and falls back to its SSE3 `Prescott` kernels; its AVX-512 (`SkylakeX`) or
/// AVX2 (`Haswell`) kernels run the same products 1.3–1.7× faster. The library reads
/// `OPENBLAS_CORETYPE` once, when it loads, so the program re-executes itself with it set.
enum OpenBLASCoreType {
  /// Set in the re-executed process, so it never re-executes again.
  static let marker = "SENTIMENT_OPENBLAS_REEXEC"

  /// The kernel family for a CPU with these /proc/cpuinfo flags: SkylakeX with AVX-512F,
  /// Haswell with AVX2 and FMA, else nil (leave OpenBLAS's choice alone).
  static func coreType(flags: Set<Substring>) -> String? {
    if flags.contains("avx512f") { return "SkylakeX" }
    if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
    return nil
  }

  /// The kernel family for this machine's CPU (`coreType(flags:)` of /proc/cpuinfo's flags).
  static var forThisCPU: String? { coreType(flags: Machine.cpuFlags()) }

  /// Whether `kernel` (`BLAS.coreName`) is one of OpenBLAS's AVX-512 families.
  static func isAVX512(_ kernel: String) -> Bool {
    ["SkylakeX", "Cooperlake", "SapphireRapids"].contains(kernel)
  }

  /// Re-executes this program with OPENBLAS_CORETYPE set, once, when the variable is unset and
  /// the CPU has a better kernel family than OpenBLAS may have picked. Returns (and the program
  /// carries on with the kernels it has) when there is nothing to do or the exec fails.
  static func reexecIfNeeded() {
    let environment = ProcessInfo.processInfo.environment
    guard environment["OPENBLAS_CORETYPE"] == nil, environment[marker] == nil,
      let core = forThisCPU
    else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    setenv(marker, "1", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
  }
}
