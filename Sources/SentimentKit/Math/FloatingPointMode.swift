import Foundation

/// The calling thread's floating-point environment, and a scope in which subnormal numbers are
/// flushed to zero.
///
/// Gradients that flow back through many recurrent steps shrink geometrically; in Float they
/// reach the subnormal range (|x| < 1.2e-38), where x86 arithmetic on them takes a slow
/// microcode path: backward products ran 10–20× slower than on the same shapes of normal
/// numbers. Flushing (x86 MXCSR FTZ and DAZ, ARM FPCR FZ) treats such values as zero, which
/// changes results by less than 1.2e-38 in absolute terms (TensorFlow trains this way too).
public enum FloatingPointMode {
  /// Runs `body` with subnormal results and operands flushed to zero on this thread, then
  /// restores the thread's previous environment. `Parallel` pieces inherit the mode.
  public static func withSubnormalsFlushed<R>(_ body: () throws -> R) rethrows -> R {
    var saved = fenv_t()
    fegetenv(&saved)
    var flushed = saved
    #if arch(x86_64)
      flushed.__mxcsr |= 0x8040  // FTZ (bit 15) and DAZ (bit 6)
    #elseif arch(arm64)
      flushed.__fpcr |= 1 << 24  // FZ
    #endif
    fesetenv(&flushed)
    defer { fesetenv(&saved) }
    return try body()
  }

  /// Runs `body` on this thread under `environment` (another thread's, from `current`), then
  /// restores this thread's own.
  static func with<R>(_ environment: fenv_t, _ body: () throws -> R) rethrows -> R {
    var saved = fenv_t()
    fegetenv(&saved)
    var wanted = environment
    fesetenv(&wanted)
    defer { fesetenv(&saved) }
    return try body()
  }

  /// This thread's environment.
  static var current: fenv_t {
    var environment = fenv_t()
    fegetenv(&environment)
    return environment
  }
}
