import COpenBLAS

/// OpenBLAS's process-wide settings: how many threads one matrix product may use, and which
/// kernel family it picked for this CPU.
public enum BLAS {
  /// Threads OpenBLAS splits one product over (process-wide; at least 1). A caller that runs
  /// products on several threads of its own sets 1, so the two kinds of threads do not contend.
  public static var threads: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(Int32(max(1, newValue))) }
  }

  /// The kernel family OpenBLAS chose, e.g. "SkylakeX" or "Prescott" (its SSE3 fallback for a
  /// CPU it does not recognise; `OPENBLAS_CORETYPE`, read when the library loads, overrides it).
  public static var coreName: String { String(cString: openblas_get_corename()) }
}
