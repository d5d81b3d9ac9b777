import Foundation

/// Streams the regular files of a tar archive (ustar, with GNU long names and pax headers)
/// from a `ByteSource`: `next()` moves to the next file, `withContents(_:)` reads its data.
///
/// Directories, links and other non-regular entries are skipped. The archive ends at two zero
/// blocks, or where the data ends after a single zero block, as some writers leave it; data that
/// ends after a whole entry with no zero block is an archive cut short, an error. What follows
/// the end marker is read (so a gzip trailer is checked) and ignored. Sizes are checked before
/// any arithmetic (negative, non-decimal or above `TarHeader.maxSize`: a bad header); entries
/// skipped are streamed past, and only an entry read with `withContents` is held whole, up to
/// `contentLimit`. Memory holds one read-ahead buffer (1 MiB) or the largest file read.
public final class TarReader {
  /// The archive's path, for error messages.
  public let archivePath: String
  /// The largest entry `withContents` holds in memory; a larger one is an `entryTooLarge` error.
  public let contentLimit: Int

  private let source: ByteSource
  private var buffer: UnsafeMutableRawBufferPointer
  private var start = 0  // unread bytes are buffer[start..<end]
  private var end = 0
  private var consumed = 0  // tar-stream offset of buffer[start]
  private var sourceEnded = false
  private var archiveEnded = false
  private var current: TarEntry?  // the entry next() returned
  private var entryInProgress: String?  // named in errors the source throws

  /// A reader of the tar stream that `source` yields; `archivePath` names it in errors.
  public init(
    source: ByteSource, archivePath: String, bufferSize: Int = 1 << 20,
    contentLimit: Int = 1 << 26
  ) {
    self.source = source
    self.archivePath = archivePath
    self.contentLimit = contentLimit
    buffer = .allocate(byteCount: max(bufferSize, TarHeader.blockSize), alignment: 16)
  }

  deinit {
    buffer.deallocate()
  }

  /// Bytes of the tar stream read so far.
  public var offset: Int { consumed }

  /// Moves past the current entry's data to the next regular file; nil at the end.
  public func next() throws -> TarEntry? {
    if let current {
      entryInProgress = current.path
      try skip(TarHeader.paddedSize(current.size))
      self.current = nil
    }
    entryInProgress = nil
    var longName: String?
    var pax: [String: String] = [:]
    while !archiveEnded {
      let headerOffset = consumed
      guard let block = try nextBlock() else {
        // The data ends on a block boundary: an empty stream is an empty archive, but after an
        // entry the end marker is missing.
        if headerOffset == 0 { return nil }
        throw error(.missingEndMarker, at: headerOffset)
      }
      if TarHeader.isZeroBlock(block) {
        consume(TarHeader.blockSize)
        // A second zero block ends the archive; EOF here is tolerated, and a lone zero block
        // is stepped over as GNU tar does.
        guard let following = try nextBlock(), !TarHeader.isZeroBlock(following) else {
          try drainSource()
          return nil
        }
        continue
      }
      guard TarHeader.checksumMatches(block) else {
        throw error(.badHeaderChecksum, entry: TarHeader.rawName(block), at: headerOffset)
      }
      guard var header = TarHeader(block: block) else {
        let problem = ArchiveError.Kind.badHeader(
          "size field is not a number of at most \(TarHeader.maxSize) bytes")
        throw error(problem, entry: TarHeader.rawName(block), at: headerOffset)
      }
      consume(TarHeader.blockSize)
      switch header.typeflag {
      case UInt8(ascii: "L"):
        longName = try readMetadata(header, at: headerOffset) { data in
          String(escapingInvalidUTF8: data.prefix { $0 != 0 })
        }
      case UInt8(ascii: "x"):
        guard let records = try readMetadata(header, at: headerOffset, PaxHeader.records) else {
          throw error(.badHeader("malformed pax record"), entry: header.name, at: headerOffset)
        }
        pax = records
      default:
        // Global pax headers ("g") and GNU long link names ("K") carry nothing we use.
        if let text = pax["size"] {
          guard let size = TarHeader.paxSize(text) else {
            let problem = ArchiveError.Kind.badHeader(
              "pax size \"\(text)\" is not a decimal number of at most \(TarHeader.maxSize) bytes")
            throw error(problem, entry: pax["path"] ?? header.name, at: headerOffset)
          }
          header.size = size
        }
        let path = pax["path"] ?? longName ?? header.name
        let entry = TarEntry(path: path, size: header.size, offset: headerOffset)
        if header.isRegularFile {
          current = entry
          entryInProgress = path
          return entry
        }
        if header.hasData {
          entryInProgress = path
          try skip(TarHeader.paddedSize(header.size))
          entryInProgress = nil
        }
        longName = nil
        pax = [:]
      }
    }
    return nil
  }

  /// Calls `body` with the data of the entry `next()` returned; the bytes are valid only
  /// inside `body`. An entry larger than `contentLimit` is an error, before anything is read.
  public func withContents<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
    guard let current else {
      preconditionFailure("TarReader.withContents is for the entry next() returned")
    }
    let size = current.size
    guard size <= contentLimit else {
      throw error(
        .entryTooLarge(size: size, limit: contentLimit), entry: current.path, at: current.offset)
    }
    guard try fill(size) else {
      throw error(.truncatedTar, entry: current.path, at: consumed + available)
    }
    return try body(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + size)]))
  }

  // The data of a GNU long-name or pax header, passed to `decode`; padding consumed.
  private func readMetadata<R>(
    _ header: TarHeader, at headerOffset: Int, _ decode: (UnsafeRawBufferPointer) -> R
  ) throws -> R {
    guard header.size <= 1 << 20 else {
      throw error(.badHeader("metadata entry of \(header.size) bytes"), at: headerOffset)
    }
    guard try fill(header.size) else {
      throw error(.truncatedTar, entry: header.name, at: consumed + available)
    }
    let result = decode(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + header.size)]))
    entryInProgress = header.name
    try skip(TarHeader.paddedSize(header.size))
    entryInProgress = nil
    return result
  }

  private var available: Int { end - start }

  // Reads the source to its end once the archive has ended, discarding what follows the
  // end marker (usually zeros up to the record size), so a gzip source checks its trailer.
  private func drainSource() throws {
    archiveEnded = true
    start = 0
    end = 0
    while !sourceEnded {
      sourceEnded = try readSource(into: buffer) == 0
    }
  }

  private func consume(_ count: Int) {
    start += count
    consumed += count
  }

  // The next 512-byte block, unconsumed; nil when the data ends on a block boundary.
  private func nextBlock() throws -> UnsafeRawBufferPointer? {
    guard try fill(TarHeader.blockSize) else {
      if available == 0 { return nil }
      throw error(.truncatedTar, entry: entryInProgress, at: consumed + available)
    }
    return UnsafeRawBufferPointer(rebasing: buffer[start..<(start + TarHeader.blockSize)])
  }

  // Consumes `count` bytes, reading through the source without keeping them.
  private func skip(_ count: Int) throws {
    var left = count
    while left > 0 {
      guard try fill(1) else {
        throw error(.truncatedTar, entry: entryInProgress, at: consumed)
      }
      let step = min(left, available)
      consume(step)
      left -= step
    }
  }

  // Makes at least `count` unread bytes contiguous in the buffer, reading as needed; false
  // when the source ends first.
  private func fill(_ count: Int) throws -> Bool {
    if available >= count { return true }
    if start > 0 {
      if available > 0, let base = buffer.baseAddress {
        memmove(base, base + start, available)
      }
      end = available
      start = 0
    }
    if count > buffer.count {
      let larger = UnsafeMutableRawBufferPointer.allocate(
        byteCount: max(count, 2 * buffer.count), alignment: 16)
      larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
      buffer.deallocate()
      buffer = larger
    }
    while end < count && !sourceEnded {
      let got = try readSource(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
      if got == 0 { sourceEnded = true }
      end += got
    }
    return available >= count
  }

  private func readSource(into space: UnsafeMutableRawBufferPointer) throws -> Int {
    do {
      return try source.read(into: space)
    } catch var failure as ArchiveError {
      if failure.entry == nil { failure.entry = entryInProgress }
      throw failure
    }
  }

  private func error(_ kind: ArchiveError.Kind, entry: String? = nil, at offset: Int)
    -> ArchiveError
  {
    ArchiveError(kind, archive: archivePath, entry: entry, offset: offset)
  }
}
