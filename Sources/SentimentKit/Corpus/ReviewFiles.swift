import Foundation

/// The reviews to classify, named by paths and read lazily, in the order given:
///   a file        one review, its path the source (any name: it was asked for)
///   a directory   every `.txt` file under it, recursively, sorted by path (UTF-8 bytes, as
///                 `LC_ALL=C sort`); symbolic links are followed, except into a directory that
///                 is already being walked (a loop)
///   -             standard input, one review a line (a final `\r` dropped), sources "-:1", "-:2"
/// Every input gives one item, its text or why there is none: a path that does not exist, an
/// unreadable file or directory, invalid UTF-8 and an empty review are items, not thrown errors.
/// Only one file or line is in memory at a time, with the names of the directories being walked.
public struct ReviewFiles: Sequence {
  /// One input: where it came from, and its text or what is wrong with it.
  public typealias Element = (source: String, text: Result<String, ReviewFileError>)

  /// The paths, as given.
  public let paths: [String]
  private let standardInput: FileHandle

  /// The inputs named by `paths`; `-` reads `standardInput`.
  public init(_ paths: [String], standardInput: FileHandle = .standardInput) {
    self.paths = paths
    self.standardInput = standardInput
  }

  /// An iterator that reads the inputs as it goes.
  public func makeIterator() -> Iterator {
    Iterator(paths: paths[...], standardInput: standardInput)
  }

  /// Reads the next file or line on each `next()`.
  public struct Iterator: IteratorProtocol {
    private var paths: ArraySlice<String>
    private let standardInput: FileHandle
    private var lines: LineReader?
    private var walk: [Folder] = []  // the directories being walked, outermost first

    fileprivate init(paths: ArraySlice<String>, standardInput: FileHandle) {
      self.paths = paths
      self.standardInput = standardInput
    }

    /// The next input, or nil after the last.
    public mutating func next() -> Element? {
      while true {
        if let reader = lines {
          if let line = reader.next() { return line }
          lines = nil
        }
        if !walk.isEmpty {
          if let item = nextInWalk() { return item }
          continue
        }
        guard let path = paths.popFirst() else { return nil }
        if path == "-" {
          lines = LineReader(standardInput)
          continue
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
          return (path, .failure(.unreadable(reason: String(cString: strerror(errno)))))
        }
        guard ReviewFiles.isDirectory(info) else { return (path, Self.review(at: path)) }
        if let failure = enter(path, info) { return failure }
      }
    }

    // The next file of the innermost directory, entering subdirectories on the way; nil when
    // that directory is done (and left).
    private mutating func nextInWalk() -> Element? {
      while let entry = walk[walk.count - 1].nextEntry() {
        let path = walk[walk.count - 1].path(of: entry.name)
        guard entry.isDirectory else { return (path, Self.review(at: path)) }
        var info = stat()
        guard stat(path, &info) == 0 else { continue }  // vanished since it was listed
        if let failure = enter(path, info) { return failure }
      }
      walk.removeLast()
      return nil
    }

    // Starts walking the directory at `path`, unless it is already being walked; an item when
    // it cannot be listed.
    private mutating func enter(_ path: String, _ info: stat) -> Element? {
      let identity = Folder.Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
      guard !walk.contains(where: { $0.identity == identity }) else { return nil }
      do {
        walk.append(try Folder(path: path, identity: identity))
        return nil
      } catch {
        return (path, .failure(.unreadable(reason: error.reason)))
      }
    }

    // The review in the file at `path`.
    private static func review(at path: String) -> Result<String, ReviewFileError> {
      do {
        return ReviewFiles.text(of: try WholeFile.read(path))
      } catch {
        return .failure(.unreadable(reason: error.reason))
      }
    }
  }

  /// `bytes` as review text: valid UTF-8 that is not only whitespace.
  static func text(of bytes: some Collection<UInt8>) -> Result<String, ReviewFileError> {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return .failure(.invalidUTF8(offset: invalidOffset(in: bytes)))
    }
    return text.allSatisfy(\.isWhitespace) ? .failure(.empty) : .success(text)
  }

  private static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }

  // Where the first ill-formed sequence of `bytes` starts.
  private static func invalidOffset(in bytes: some Collection<UInt8>) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
    return offset
  }

  /// One directory being walked: its inputs (`.txt` files and subdirectories), listed and
  /// sorted when it is entered, and how far the walk has got.
  private struct Folder {
    /// Device and inode: the same directory however it was reached.
    struct Identity: Equatable {
      var device: UInt64
      var inode: UInt64
    }

    struct Entry {
      var name: String
      var isDirectory: Bool
    }

    let path: String
    let identity: Identity
    private var entries: [Entry]
    private var position = 0

    /// Lists the directory at `path`; throws the system's error when it cannot be read.
    init(path: String, identity: Identity) throws(WholeFile.Failure) {
      self.path = path
      self.identity = identity
      guard let directory = opendir(path) else { throw WholeFile.Failure(code: errno) }
      defer { closedir(directory) }
      var entries: [Entry] = []
      while let record = readdir(directory) {
        let name = withUnsafeBytes(of: record.pointee.d_name) {
          String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
        if name == "." || name == ".." { continue }
        let isDirectory: Bool
        switch Int32(record.pointee.d_type) {
        case Int32(DT_DIR): isDirectory = true
        case Int32(DT_REG): isDirectory = false
        default:  // a symbolic link, or a file system that does not say: ask stat
          var info = stat()
          isDirectory = stat(Folder.join(path, name), &info) == 0 && ReviewFiles.isDirectory(info)
        }
        if isDirectory || name.hasSuffix(".txt") {
          entries.append(Entry(name: name, isDirectory: isDirectory))
        }
      }
      // A directory sorts as its name + "/", so the walk visits paths in byte order.
      let keys = entries.map { Array($0.name.utf8) + ($0.isDirectory ? [UInt8(ascii: "/")] : []) }
      self.entries = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        .map { entries[$0] }
    }

    /// The next entry, or nil when every one has been given.
    mutating func nextEntry() -> Entry? {
      guard position < entries.count else { return nil }
      defer { position += 1 }
      return entries[position]
    }

    /// The path of entry `name`.
    func path(of name: String) -> String { Folder.join(path, name) }

    private static func join(_ folder: String, _ name: String) -> String {
      folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
  }

  /// Standard input, one review a line, read in blocks: only the current line and one block
  /// are held.
  private final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0  // the current line begins here
    private var scanned = 0  // no newline in buffer[start..<scanned]
    private var atEnd = false
    private var lineNumber = 0

    init(_ handle: FileHandle) {
      self.handle = handle
    }

    /// The next line as an item, or nil at the end of input.
    func next() -> Element? {
      while true {
        if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
          defer { (start, scanned) = (newline + 1, newline + 1) }
          return item(buffer[start..<newline])
        }
        scanned = buffer.count
        if atEnd {
          guard start < buffer.count else { return nil }
          defer { start = buffer.count }
          return item(buffer[start...])
        }
        if let failure = fill() { return failure }
      }
    }

    // Drops the lines already given and reads one more block; an item for the line being read
    // when the read fails (reading then stops).
    private func fill() -> Element? {
      buffer.removeSubrange(0..<start)
      scanned -= start
      start = 0
      let old = buffer.count
      buffer += repeatElement(0, count: 1 << 16)
      let (count, code) = buffer.withUnsafeMutableBytes { raw in
        while true {
          let count = read(handle.fileDescriptor, raw.baseAddress! + old, raw.count - old)
          if count >= 0 || errno != EINTR { return (count, count < 0 ? errno : 0) }
        }
      }
      guard count >= 0 else {
        atEnd = true
        buffer.removeAll()
        lineNumber += 1
        let reason = "standard input: \(String(cString: strerror(code)))"
        return ("-:\(lineNumber)", .failure(.unreadable(reason: reason)))
      }
      buffer.removeSubrange((old + count)...)
      atEnd = count == 0
      return nil
    }

    private func item(_ line: ArraySlice<UInt8>) -> Element {
      lineNumber += 1
      let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
      return ("-:\(lineNumber)", ReviewFiles.text(of: text))
    }
  }
}
