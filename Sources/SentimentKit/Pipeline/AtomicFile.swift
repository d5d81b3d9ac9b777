import Foundation

/// A file that replaces `url` all at once or not at all. The bytes go to a hidden temporary file
/// in the same folder; `commit()` syncs it to disk, renames it over `url` and syncs the folder, so
/// a reader sees the old file or the new one, never part of one. A file never committed (an error
/// on the way, `discard()`, or SIGINT, SIGTERM or SIGHUP: see `TemporaryFiles`) leaves nothing
/// behind; the temporary's name, `.NAME.PID-RANDOM.partial`, says it is unfinished, and one left
/// by a killed process is removed by the next `AtomicFile` for the same name.
///
/// `url` must be a regular file or nothing: a symbolic link is followed (its target is replaced,
/// the link kept), and a device, FIFO, socket or folder is refused, so writing to `/dev/null`
/// cannot replace the device with a file. A replaced file keeps its permissions.
public final class AtomicFile {
  /// Where the file appears on `commit()`, as given.
  public let url: URL
  private let target: String  // `url` with symbolic links followed: what the rename replaces
  private let temporaryPath: String
  private var descriptor: Int32  // of the temporary file; −1 once closed
  private var finished = false  // the temporary file is renamed or removed
  private var signalSlot: Int?  // in `TemporaryFiles`

  /// Creates the temporary file beside `url` (beside the file a symbolic link names); the folder
  /// must exist.
  public init(_ url: URL) throws {
    self.url = url
    let (target, mode) = try AtomicFile.destination(of: url.path)
    self.target = target
    let folder = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    AtomicFile.removeAbandoned(of: name, in: folder)
    temporaryPath = (folder as NSString).appendingPathComponent(
      ".\(name).\(getpid())-\(UInt32.random(in: .min ... .max)).partial")
    // Recorded for the signal handler before it is created: a signal that came between the two
    // would leave the file behind. (The name holds this process's id and a random number; with
    // O_EXCL nothing else of that name is opened, and a failed open forgets the name at once.)
    let slot = TemporaryFiles.add(temporaryPath)
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      if let slot { TemporaryFiles.remove(slot) }
      throw failure("cannot create \(temporaryPath)")
    }
    signalSlot = slot
    if let mode { fchmod(descriptor, mode) }
  }

  deinit { discard() }

  // The regular file `path` names, following symbolic links (at most 40, as the kernel), and its
  // permission bits when it exists; an error for anything but a regular file or nothing.
  private static func destination(of path: String) throws -> (String, mode_t?) {
    var path = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(path, &info) == 0 else {
        if errno == ENOENT { return (path, nil) }
        throw AtomicFileError(file: path, reason: String(cString: strerror(errno)))
      }
      switch info.st_mode & S_IFMT {
      case S_IFREG:
        return (path, info.st_mode & 0o7777)
      case S_IFLNK:
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else {
          throw AtomicFileError(file: path, reason: String(cString: strerror(errno)))
        }
        let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        path =
          link.hasPrefix("/")
          ? link : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link)
      default:
        throw AtomicFileError(
          file: path,
          reason: "is \(WholeFile.kind(of: info.st_mode)), not a regular file; it is not replaced")
      }
    }
    throw AtomicFileError(file: path, reason: String(cString: strerror(ELOOP)))
  }

  // Removes temporaries for `name` in `folder` whose process no longer runs (killed by SIGKILL
  // or a crash before it could clean up).
  private static func removeAbandoned(of name: String, in folder: String) {
    let prefix = ".\(name)."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for candidate in names where candidate.hasPrefix(prefix) && candidate.hasSuffix(".partial") {
      let middle = candidate.dropFirst(prefix.count).dropLast(".partial".count)
      guard let dash = middle.firstIndex(of: "-"), let pid = Int32(middle[..<dash]),
        kill(pid, 0) != 0 && errno == ESRCH
      else { continue }
      unlink((folder as NSString).appendingPathComponent(candidate))
    }
  }

  /// Writes `bytes` and `url` in one go: `init`, `write(_:)`, `commit()`.
  public static func write(_ bytes: some ContiguousBytes, to url: URL) throws {
    let file = try AtomicFile(url)
    try file.write(bytes)
    try file.commit()
  }

  /// Appends `bytes` to the temporary file.
  public func write(_ bytes: some ContiguousBytes) throws {
    precondition(descriptor >= 0, "AtomicFile.write after commit or discard")
    do {
      try WholeFile.write(bytes, to: descriptor)
    } catch {
      throw AtomicFileError(file: url.path, reason: "cannot write \(temporaryPath): \(error.reason)")
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
    guard rename(temporaryPath, target) == 0 else {
      let error = failure("cannot rename \(temporaryPath)")
      discard()
      throw error
    }
    finish()
    let folder = open(
      (target as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
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
      finish()
    }
  }

  private func finish() {
    finished = true
    if let signalSlot { TemporaryFiles.remove(signalSlot) }
    signalSlot = nil
  }

  // An error about `url` ending in the current errno's text.
  private func failure(_ what: String) -> AtomicFileError {
    AtomicFileError(file: url.path, reason: "\(what): \(String(cString: strerror(errno)))")
  }
}
