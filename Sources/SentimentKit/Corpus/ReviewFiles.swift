import Foundation

/// The reviews to classify, named by paths and read lazily, in the order given:
///   a file        one review, its path the source (any name: it was asked for)
///   a directory   every `.txt` file under it, recursively, sorted by path (see `FolderWalk`)
///   -             standard input, one review a line (a final `\r` dropped), sources "-:1", "-:2"
/// Every input gives one item, its text or why there is none: a path that does not exist, an
/// unreadable file or directory, something other than a regular file (a FIFO, a device), a
/// review over `Review.byteLimit`, invalid UTF-8 and an empty review are items, not thrown
/// errors. Sources are paths as `RawPath.text` shows them. Only one file or line is in memory at a time, with the names of the directories being
/// walked.
public struct ReviewFiles: Sequence {
  /// One input: where it came from, and its text or what is wrong with it.
  public typealias Element = (source: String, text: Result<String, ReviewFileError>)

  /// The paths, as given.
  public let paths: [RawPath]
  private let standardInput: FileHandle

  /// The inputs named by `paths`; `-` reads `standardInput`.
  public init(_ paths: [RawPath], standardInput: FileHandle = .standardInput) {
    self.paths = paths
    self.standardInput = standardInput
  }

  /// The inputs named by `paths` (UTF-8); `-` reads `standardInput`.
  public init(_ paths: [String], standardInput: FileHandle = .standardInput) {
    self.init(paths.map(RawPath.init), standardInput: standardInput)
  }

  /// An iterator that reads the inputs as it goes.
  public func makeIterator() -> Iterator {
    Iterator(paths: paths[...], standardInput: standardInput)
  }

  /// Reads the next file or line on each `next()`.
  public struct Iterator: IteratorProtocol {
    private var paths: ArraySlice<RawPath>
    private let standardInput: FileHandle
    private var lines: LineReader?
    private var walk: FolderWalk.Iterator?

    fileprivate init(paths: ArraySlice<RawPath>, standardInput: FileHandle) {
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
        if let found = walk?.next() {
          if let failure = found.failure {
            return (found.path.text, .failure(.unreadable(reason: failure.reason)))
          }
          return (found.path.text, Self.review(at: found.path))
        }
        walk = nil
        guard let path = paths.popFirst() else { return nil }
        if path.bytes == [UInt8(ascii: "-")] {
          lines = LineReader(standardInput)
        } else {
          walk = FolderWalk(path).makeIterator()
        }
      }
    }

    // The review in the file at `path`.
    private static func review(at path: RawPath) -> Result<String, ReviewFileError> {
      do throws(WholeFile.Failure) {
        return ReviewFiles.text(of: try WholeFile.read(path, limit: Review.byteLimit))
      } catch {
        if case .tooLarge(let limit) = error { return .failure(.tooLarge(limit: limit)) }
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

  // Where the first ill-formed sequence of `bytes` starts.
  private static func invalidOffset(in bytes: some Collection<UInt8>) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
    return offset
  }

  /// Standard input, one review a line, read in blocks: only the current line and one block
  /// are held. A line longer than `Review.byteLimit` is an item saying so; when its end is not
  /// in sight either, reading stops there (input without newlines, as `/dev/zero`, would
  /// otherwise be read forever).
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
        if buffer.count - start > Review.byteLimit + 1 {  // + 1: room for a final \r
          atEnd = true
          buffer.removeAll()
          (start, scanned) = (0, 0)
          lineNumber += 1
          let reason = "line longer than \(WholeFile.megabytes(Review.byteLimit)); standard input not read further"
          return ("-:\(lineNumber)", .failure(.unreadable(reason: reason)))
        }
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
      guard text.count <= Review.byteLimit else {
        return ("-:\(lineNumber)", .failure(.tooLarge(limit: Review.byteLimit)))
      }
      return ("-:\(lineNumber)", ReviewFiles.text(of: text))
    }
  }
}
