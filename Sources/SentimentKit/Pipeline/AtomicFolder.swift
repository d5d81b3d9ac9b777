import Foundation

/// A folder whose files are replaced together in one step, as a training checkpoint needs
/// (weights, vocabulary, configuration and optimizer state must belong to the same epoch).
///
/// `replace` has the writer fill a hidden, empty staging folder beside it, `.NAME.next`, adds
/// hard links to the folder's other files (a user's notes are kept), then swaps the two with one
/// `renameat2(RENAME_EXCHANGE)` and removes the old contents. A kill at
/// any moment leaves the folder holding the old files or the new ones, never a mix; what a kill
/// leaves at `.NAME.next` is removed by the next `replace`. Where the exchange is not supported
/// (not Linux, or a file system without it) two renames do the same with a moment between them.
public enum AtomicFolder {
  /// Replaces the contents of the folder at `url` (created if absent, with its parents) by
  /// calling `write` on the staging folder; throws what `write` throws, leaving `url` as it
  /// was, or `AtomicFileError` when the folder cannot be staged or swapped.
  public static func replace(_ url: URL, _ write: (URL) throws -> Void) throws {
    let fileManager = FileManager.default
    let folder = url.standardizedFileURL.path
    let parent = (folder as NSString).deletingLastPathComponent
    let staging = stagingPath(of: url)
    func fail(_ step: String, _ code: Int32 = errno) -> AtomicFileError {
      AtomicFileError(file: folder, reason: "\(step): \(String(cString: strerror(code)))")
    }
    try makeFolders(parent, fail)
    removeLeftovers(of: url)
    guard mkdir(staging, 0o755) == 0 else { throw fail("cannot create \(staging)") }
    let exists = fileManager.fileExists(atPath: folder)
    do {
      try write(URL(fileURLWithPath: staging, isDirectory: true))
      if exists { try carry(from: folder, to: staging) }
    } catch {
      try? fileManager.removeItem(atPath: staging)
      throw error
    }
    sync(staging)
    if !exists {
      guard rename(staging, folder) == 0 else { throw fail("cannot rename \(staging)") }
    } else if !exchange(staging, folder) {
      let old = staging + ".old"
      try? fileManager.removeItem(atPath: old)
      guard rename(folder, old) == 0 else { throw fail("cannot rename \(folder)") }
      guard rename(staging, folder) == 0 else { throw fail("cannot rename \(staging)") }
      try? fileManager.removeItem(atPath: old)
    }
    sync(parent)
    try? fileManager.removeItem(atPath: staging)  // the old contents, after an exchange
  }

  /// Removes what a kill during `replace` of `url` can leave beside it (a staging folder, or the
  /// old contents after the swap); `replace` does it first, a resumed run may do it on opening.
  public static func removeLeftovers(of url: URL) {
    let staging = stagingPath(of: url)
    for path in [staging, staging + ".old"] { try? FileManager.default.removeItem(atPath: path) }
  }

  private static func stagingPath(of url: URL) -> String {
    let folder = url.standardizedFileURL.path
    return ((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
      ".\((folder as NSString).lastPathComponent).next")
  }

  // Creates `path` and the folders above it that are missing.
  private static func makeFolders(_ path: String, _ fail: (String, Int32) -> AtomicFileError)
    throws
  {
    var made = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      made += "/" + part
      if mkdir(made, 0o755) != 0 && errno != EEXIST { throw fail("cannot create \(made)", errno) }
    }
  }

  // Hard-links into `staging` every entry of `folder` the writer did not write (copies what
  // cannot be linked). After the writer, so it never writes into a file the old folder shares.
  private static func carry(from folder: String, to staging: String) throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      let source = (folder as NSString).appendingPathComponent(name)
      let target = (staging as NSString).appendingPathComponent(name)
      var info = stat()
      guard lstat(target, &info) != 0 && errno == ENOENT else { continue }  // written anew
      if link(source, target) != 0 { try FileManager.default.copyItem(atPath: source, toPath: target) }
    }
  }

  // Swaps the two paths atomically with Linux's renameat2 (looked up at run time: Glibc's
  // module does not declare it); false when it is missing or refused.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    typealias RenameAt2 = @convention(c) (
      Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
      return false
    }
    let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
    let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0
  }

  private static func sync(_ path: String) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }
}
