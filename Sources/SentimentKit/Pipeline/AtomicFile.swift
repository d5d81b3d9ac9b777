import Foundation

/// A file that replaces `url` all at once or not at all. The bytes go to a hidden temporary file
/// in the same folder; `commit()` syncs it to disk, renames it over `url` and syncs the folder, so
/// a reader sees the old file or the new one, never part of one. A file never committed (an error
/// on the way, or `discard()`) leaves nothing behind.
public final class AtomicFile {
  /// Where the file appears on `commit()`.
  public let url: URL
  private let temporaryPath: String
  private var descriptor: Int32  // of the temporary file; −1 once closed
  private var finished = false  // the temporary file is renamed or removed

  /// Creates the temporary file beside `url`; the folder must exist.
  public init(_ url: URL) throws {
    self.url = url
    temporaryPath =
      url.deletingLastPathComponent().appendingPathComponent(
        ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp"
      ).path
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure("cannot create \(temporaryPath)") }
  }

  deinit { discard() }

  /// Writes `bytes` and `url` in one go: `init`, `write(_:)`, `commit()`.
  public static func write(_ bytes: some ContiguousBytes, to url: URL) throws {
    let file = try AtomicFile(url)
    try file.write(bytes)
    try file.commit()
  }

  /// Appends `bytes` to the temporary file.
  public func write(_ bytes: some ContiguousBytes) throws {
    precondition(descriptor >= 0, "AtomicFile.write after commit or discard")
    try bytes.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count {
        let n = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw failure("cannot write \(temporaryPath)") }
        written += n
      }
    }
  }

  /// Syncs the temporary file, renames it over `url` and syncs the folder. On failure the
  /// temporary file is removed and `url` is as it was.
  public func commit() throws {
    precondition(descriptor >= 0, "AtomicFile.commit after commit or discard")
    guard fsync(descriptor) == 0 else {
      let error = failure("cannot sync \(temporaryPath)")
      discard()
      throw error
    }
    let closed = close(descriptor)
    descriptor = -1
    guard closed == 0 else {
      let error = failure("cannot close \(temporaryPath)")
      discard()
      throw error
    }
    guard rename(temporaryPath, url.path) == 0 else {
      let error = failure("cannot rename \(temporaryPath)")
      discard()
      throw error
    }
    finished = true
    let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folder >= 0 {
      fsync(folder)
      close(folder)
    }
  }

  /// Closes and removes the temporary file, leaving `url` as it was; does nothing after
  /// `commit()` or a first `discard()`.
  public func discard() {
    if descriptor >= 0 {
      close(descriptor)
      descriptor = -1
    }
    if !finished {
      unlink(temporaryPath)
      finished = true
    }
  }

  // An error about `url` ending in the current errno's text.
  private func failure(_ what: String) -> AtomicFileError {
    AtomicFileError(file: url.path, reason: "\(what): \(String(cString: strerror(errno)))")
  }
}
