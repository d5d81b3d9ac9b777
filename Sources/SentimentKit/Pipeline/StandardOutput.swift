import Foundation

/// Standard output written with plain system calls, so a failure (a full disk, a closed pipe)
/// reads "standard output: cannot write: No space left on device", not a Foundation error code.
public enum StandardOutput {
  /// Why standard output could not be written.
  public struct WriteError: Error, CustomStringConvertible {
    /// The system's reason.
    public let reason: String

    /// As "standard output: cannot write: No space left on device".
    public var description: String { "standard output: cannot write: \(reason)" }
  }

  /// Writes all of `bytes`.
  public static func write(_ bytes: some ContiguousBytes) throws {
    do throws(WholeFile.Failure) {
      try WholeFile.write(bytes, to: 1)
    } catch {
      throw WriteError(reason: error.reason)
    }
  }
}
