import COpenBLAS

/// OpenBLAS's process-wide settings. The library owns its threading: OpenBLAS is held to one
/// thread for the life of the process, whatever `OPENBLAS_NUM_THREADS` says, and a large product
/// is cut into row blocks by `Matrix.setProduct` (a split decided by the product's shape alone)
/// that run on our own threads. How OpenBLAS would split a product over its threads differs
/// between machines and kernels, and with it the rounding of some sums; this way the same
/// inputs give the same bits under any environment.
public enum BLAS {
  /// Sets OpenBLAS to one thread, once, before the first product.
  private static let heldToOneThread: Void = { openblas_set_num_threads(1) }()

  /// Called before every product: a one-time check after the first.
  @inline(__always) public static func prepare() { _ = heldToOneThread }

  /// Runs `body` with OpenBLAS splitting each product over `threads` of its own threads, then
  /// holds it to one again. For measuring the machine's ceiling only (`sentiment bench`): no
  /// model code runs inside it.
  public static func withThreads<Result>(_ threads: Int, _ body: () -> Result) -> Result {
    prepare()
    openblas_set_num_threads(Int32(max(1, threads)))
    defer { openblas_set_num_threads(1) }
    return body()
  }

  /// The kernel family OpenBLAS chose, e.g. "SkylakeX" or "Prescott" (its SSE3 fallback for a
  /// CPU it does not recognise; `OPENBLAS_CORETYPE`, read when the library loads, overrides it).
  public static var coreName: String { String(cString: openblas_get_corename()) }
}
