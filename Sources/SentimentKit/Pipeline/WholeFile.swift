import Foundation

/// Reads a whole file with plain system calls, so that a failure carries the system's own reason
/// ("Permission denied", "Is a directory") rather than a generic one.
enum WholeFile {
  /// A failed system call: its errno.
  struct Failure: Error {
    /// The errno value.
    let code: Int32

    /// The system's text for `code`, as "No such file or directory".
    var reason: String { String(cString: strerror(code)) }
  }

  /// The bytes of the file at `path` (following symbolic links).
  static func read(_ path: String) throws(Failure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(code: errno) }
    defer { close(descriptor) }
    var info = stat()
    var bytes: [UInt8] = []
    if fstat(descriptor, &info) == 0 { bytes.reserveCapacity(Int(info.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes {
        Foundation.read(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { throw Failure(code: errno) }
      if count == 0 { return bytes }
      bytes += chunk[0..<count]
    }
  }
}
