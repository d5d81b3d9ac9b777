import Foundation

/// The calling thread's floating-point mode. Backpropagation through hundreds of steps shrinks
/// gradients geometrically (dc_{t−1} = dc_t ⊙ f_t) into the subnormal range below 1.2e-38, where
/// x86 arithmetic takes a slow microcode path on every operation: a batch's backward pass became
/// twenty times slower than its forward pass. Flushing subnormals to zero changes no value that
/// matters (they are under 1e-38 in Float, 1e-308 in Double) and keeps every step at full speed.
public enum FloatEnvironment {
  /// Sets flush-to-zero and denormals-are-zero (MXCSR bits 15 and 6) for this thread. Cheap;
  /// call it at the start of work on any thread that does the math.
  public static func flushSubnormalsToZero() {
    #if arch(x86_64)
      var environment = fenv_t()
      fegetenv(&environment)
      environment.__mxcsr |= 0x8040
      fesetenv(&environment)
    #endif
  }
}
