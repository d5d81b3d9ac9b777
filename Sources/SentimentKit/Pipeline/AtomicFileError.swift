/// Why an `AtomicFile` could not be created, written or committed.
public struct AtomicFileError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file being written (not the temporary file).
  public var file: String
  /// The step that failed and the operating system's reason, as "cannot write …: No space left
  /// on device".
  public var reason: String

  /// An error about `file`.
  public init(file: String, reason: String) {
    self.file = file
    self.reason = reason
  }

  /// As "out.tsv: cannot create /x/.out.tsv.1.2.tmp: No such file or directory".
  public var description: String { "\(file): \(reason)" }
}
