/// A corpus file's bytes one at a time, through a 1 MiB buffer, counting lines as they pass:
/// the plain file, or its decompressed contents when the name ends in `.gz` (`GzipReader`).
/// Only the buffer is held, so a file of any size streams in flat memory.
final class ByteStream {
  /// The path as given, for messages.
  let path: String
  /// The 1-based line of the next byte (lines end at LF).
  private(set) var line = 1
  private let source: ByteSource
  private var buffer = [UInt8](repeating: 0, count: 1 << 20)
  private var position = 0
  private var filled = 0
  private var ended = false

  /// The file at `path`, decompressed when its name ends in `.gz`.
  init(path: String) throws {
    self.path = path
    source = path.hasSuffix(".gz") ? try GzipReader(path: path) : try FileBytes(path: path)
  }

  /// The next byte, or nil at the end of the file.
  func next() throws -> UInt8? {
    guard try available() else { return nil }
    let byte = buffer[position]
    position += 1
    if byte == UInt8(ascii: "\n") { line += 1 }
    return byte
  }

  /// The next byte without taking it, or nil at the end.
  func peek() throws -> UInt8? {
    try available() ? buffer[position] : nil
  }

  // Whether a byte is buffered, reading the next block when the buffer is spent.
  private func available() throws -> Bool {
    if position < filled { return true }
    guard !ended else { return false }
    filled = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
    position = 0
    ended = filled == 0
    return !ended
  }

  /// The next line without its LF (and a CR before it), or nil at the end; a line longer than
  /// `limit` bytes is a `CorpusError.malformed` naming it, never read in full.
  func nextLine(limit: Int) throws -> [UInt8]? {
    guard try peek() != nil else { return nil }
    let number = line
    var bytes: [UInt8] = []
    while let byte = try next(), byte != UInt8(ascii: "\n") {
      guard bytes.count < limit else {
        throw CorpusError.malformed(
          "\(path):\(number)", reason: "line longer than \(WholeFile.megabytes(limit))")
      }
      bytes.append(byte)
    }
    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    return bytes
  }
}
