import Foundation

/// The `.txt` files under a path, found lazily in byte order (as `LC_ALL=C sort`):
///   a file        itself (any name: it was asked for)
///   a directory   every `.txt` file under it, recursively; symbolic links are followed, except
///                 into a directory that is already being walked (a loop)
/// Every file found is an item, and so is every directory or path that cannot be listed or
/// examined, with the system's reason: nothing is skipped in silence. Names are bytes, so a
/// name that is not UTF-8 is found and opened as it is (see `RawPath`). Only the names of the
/// directories being walked are held.
struct FolderWalk: Sequence {
  /// One path found, or one that could not be examined and why.
  typealias Element = (path: RawPath, failure: WholeFile.Failure?)

  /// The path walked, as given.
  let root: RawPath

  /// The walk of `root`.
  init(_ root: RawPath) {
    self.root = root
  }

  /// An iterator that lists each directory as it enters it.
  func makeIterator() -> Iterator { Iterator(root: root) }

  /// Walks depth first, one directory listing per level.
  struct Iterator: IteratorProtocol {
    private var root: RawPath?  // until it is examined
    private var walk: [Folder] = []  // the directories being walked, outermost first

    fileprivate init(root: RawPath) {
      self.root = root
    }

    /// The next file, or unexaminable path, or nil after the last.
    mutating func next() -> Element? {
      if let path = root {
        root = nil
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0 else { return (path, .system(errno)) }
        guard FolderWalk.isDirectory(info) else { return (path, nil) }
        if let failure = enter(path, info) { return failure }
      }
      while !walk.isEmpty {
        while let entry = walk[walk.count - 1].nextEntry() {
          let path = walk[walk.count - 1].path(of: entry.name)
          guard entry.isDirectory else { return (path, nil) }
          var info = stat()
          guard path.withCString({ stat($0, &info) }) == 0 else { return (path, .system(errno)) }
          if let failure = enter(path, info) { return failure }
        }
        walk.removeLast()
      }
      return nil
    }

    // Starts walking the directory at `path`, unless it is already being walked; an item when
    // it cannot be listed.
    private mutating func enter(_ path: RawPath, _ info: stat) -> Element? {
      let identity = Folder.Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
      guard !walk.contains(where: { $0.identity == identity }) else { return nil }
      do {
        walk.append(try Folder(path: path, identity: identity))
        return nil
      } catch {
        return (path, error)
      }
    }
  }

  private static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }

  /// One directory being walked: its `.txt` files and subdirectories, listed and sorted when it
  /// is entered, and how far the walk has got.
  private struct Folder {
    /// Device and inode: the same directory however it was reached.
    struct Identity: Equatable {
      var device: UInt64
      var inode: UInt64
    }

    struct Entry {
      var name: [UInt8]
      var isDirectory: Bool
    }

    let path: RawPath
    let identity: Identity
    private var entries: [Entry]
    private var position = 0

    /// Lists the directory at `path`; throws the system's error when it cannot be read.
    init(path: RawPath, identity: Identity) throws(WholeFile.Failure) {
      self.path = path
      self.identity = identity
      guard let directory = path.withCString(opendir) else { throw .system(errno) }
      defer { closedir(directory) }
      var entries: [Entry] = []
      while let record = readdir(directory) {
        let name = Folder.name(of: record)
        if name == Array(".".utf8) || name == Array("..".utf8) { continue }
        let isDirectory: Bool
        switch Int32(record.pointee.d_type) {
        case Int32(DT_DIR): isDirectory = true
        case Int32(DT_REG): isDirectory = false
        default:  // a symbolic link, or a file system that does not say: ask stat
          var info = stat()
          isDirectory =
            path.appending(name).withCString { stat($0, &info) } == 0
            && FolderWalk.isDirectory(info)
        }
        if isDirectory || name.suffix(4).elementsEqual(".txt".utf8) {
          entries.append(Entry(name: name, isDirectory: isDirectory))
        }
      }
      // A directory sorts as its name + "/", so the walk visits paths in byte order.
      let keys = entries.map { $0.name + ($0.isDirectory ? [UInt8(ascii: "/")] : []) }
      self.entries = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        .map { entries[$0] }
    }

    /// The name in a directory record, read up to its NUL where it lies: copying the record's
    /// 256-byte `d_name` field would read past a short record (AddressSanitizer found it).
    private static func name(of record: UnsafeMutablePointer<dirent>) -> [UInt8] {
      let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
      let start = UnsafeRawPointer(record).advanced(by: offset).assumingMemoryBound(to: CChar.self)
      return Array(UnsafeRawBufferPointer(start: start, count: strlen(start)))
    }

    /// The next entry, or nil when every one has been given.
    mutating func nextEntry() -> Entry? {
      guard position < entries.count else { return nil }
      defer { position += 1 }
      return entries[position]
    }

    /// The path of entry `name`.
    func path(of name: [UInt8]) -> RawPath { path.appending(name) }
  }
}
