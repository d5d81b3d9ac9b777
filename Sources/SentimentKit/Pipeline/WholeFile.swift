import Foundation

/// Opens, reads and writes files with plain system calls, so that a failure carries the system's own
/// reason ("Permission denied", "Is a directory") rather than a generic one. Only regular files
/// are read (symbolic links followed): a FIFO would block, a device (`/dev/zero`) never ends.
public enum WholeFile {
  /// Why a file could not be opened or read.
  public enum Failure: Error {
    /// A system call failed with this errno.
    case system(Int32)
    /// The path names something other than a regular file; the text says what, as "a FIFO".
    case notRegular(String)
    /// The file holds more than `limit` bytes.
    case tooLarge(limit: Int)

    /// The errno of a failed system call, else nil.
    var code: Int32? {
      if case .system(let code) = self { return code }
      return nil
    }

    /// As "No such file or directory", "not a regular file (a FIFO)", "larger than 16 MB".
    public var reason: String {
      switch self {
      case .system(let code): return String(cString: strerror(code))
      case .notRegular(let kind): return "not a regular file (\(kind))"
      case .tooLarge(let limit): return "larger than \(WholeFile.megabytes(limit))"
      }
    }
  }

  /// `bytes` in whole megabytes (MiB) for messages, as "16 MB".
  static func megabytes(_ bytes: Int) -> String { "\(bytes >> 20) MB" }

  /// Opens the regular file at `path` for reading, without blocking on a FIFO: its descriptor
  /// (close-on-exec; the caller closes it) and its size.
  static func openRegular(_ path: UnsafePointer<CChar>) throws(Failure) -> (descriptor: Int32, size: Int) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw .system(errno) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let code = errno
      close(descriptor)
      throw .system(code)
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw .notRegular(kind(of: info.st_mode))
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return (descriptor, Int(info.st_size))
  }

  /// What a file of mode `mode` is, as "a folder", "a FIFO", "a character device".
  static func kind(of mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    case S_IFLNK: return "a symbolic link"
    default: return "not a file"
    }
  }

  /// Writes all of `bytes` to `descriptor`, retrying short writes and interruptions.
  static func write(_ bytes: some ContiguousBytes, to descriptor: Int32) throws(Failure) {
    let code: Int32? = bytes.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count {
        let n = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return n < 0 ? errno : EIO }
        written += n
      }
      return nil
    }
    if let code { throw .system(code) }
  }

  /// The bytes of the regular file at `path`, at most `limit` of them.
  static func read(_ path: RawPath, limit: Int) throws(Failure) -> [UInt8] {
    let result = path.withCString { pointer in
      Result { () throws(Failure) in try read(pointer, limit: limit) }
    }
    return try result.get()
  }

  /// The bytes of the regular file at `path` (a C string), at most `limit` of them.
  public static func read(_ path: UnsafePointer<CChar>, limit: Int) throws(Failure) -> [UInt8] {
    let (descriptor, size) = try openRegular(path)
    defer { close(descriptor) }
    guard size <= limit else { throw .tooLarge(limit: limit) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes {
        Foundation.read(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { throw .system(errno) }
      if count == 0 { return bytes }
      guard bytes.count + count <= limit else { throw .tooLarge(limit: limit) }  // it grew
      bytes += chunk[0..<count]
    }
  }
}
