import Foundation

/// A regular file's bytes front to back through `read(2)`, as a `ByteSource` (the plain twin of
/// `GzipReader`, so corpus readers take either). Only regular files open: a FIFO or device is a
/// `CorpusError.unreadable`, never a read that blocks or never ends.
final class FileBytes: ByteSource {
  private let descriptor: Int32
  private let path: String

  /// Opens the regular file at `path`.
  init(path: String) throws {
    self.path = path
    let opened = RawPath(path).withCString { pointer in
      Result { () throws(WholeFile.Failure) in try WholeFile.openRegular(pointer).descriptor }
    }
    switch opened {
    case .success(let descriptor): self.descriptor = descriptor
    case .failure(let failure): throw CorpusError.unreadable(path, reason: failure.reason)
    }
  }

  deinit { close(descriptor) }

  /// The next bytes, retrying interruptions; 0 at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      if errno != EINTR {
        throw CorpusError.unreadable(path, reason: String(cString: strerror(errno)))
      }
    }
  }
}
