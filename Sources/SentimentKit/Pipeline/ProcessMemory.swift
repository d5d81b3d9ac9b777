import Foundation

/// This process's memory, as the kernel counts it.
public enum ProcessMemory {
  /// The peak resident set so far, in MiB (getrusage's ru_maxrss; Linux reports KiB).
  public static var peakMiB: Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }
}
