import CZlib
import Foundation

/// Streams the decompressed bytes of a gzip file through zlib, reading the file a chunk at a
/// time (1 MiB by default), so memory stays bounded whatever the file's size. Concatenated gzip
/// members, as `cat a.gz b.gz` makes, read as one stream; zero bytes after the last member (tape
/// or disk-image padding) are ignored, as GNU gzip ignores them. Only a regular file is opened (a
/// FIFO or device is an `unreadable` error, so nothing blocks or reads forever).
public final class GzipReader: ByteSource {
  /// The file's path as given.
  public let path: String
  /// The file's size in bytes.
  public let fileSize: Int

  private let descriptor: Int32
  private let stream: UnsafeMutablePointer<z_stream>  // zlib keeps its address: heap, not stack
  private let input: UnsafeMutablePointer<UInt8>
  private let chunkSize: Int
  private var inflating = false
  private var fileOffset = 0  // bytes read from the file so far
  private var fileEnded = false
  private var memberEnded = false
  private var finished = false
  private var failure: ArchiveError?  // once decoding fails, every later read throws it

  /// Opens `path` and checks that it starts like a gzip file.
  public init(path: String, chunkSize: Int = 1 << 20) throws {
    precondition(chunkSize > 0, "chunkSize must be positive")
    self.path = path
    self.chunkSize = chunkSize
    let file = Result { () throws(WholeFile.Failure) in try WholeFile.openRegular(path) }
    let opened = try? file.get()
    descriptor = opened?.descriptor ?? -1
    fileSize = opened?.size ?? 0
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    input = .allocate(capacity: chunkSize)
    // Every stored property is set from here on, so `deinit` frees what a throw leaves behind.
    if case .failure(let failure) = file {
      throw ArchiveError(.unreadable(failure.reason), archive: path, offset: 0)
    }
    // 16 + 15: gzip wrapper only, with the largest window.
    let initStatus = inflateInit2_(
      stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard initStatus == Z_OK else {
      throw ArchiveError(
        .corruptDeflate("inflateInit2 failed: \(initStatus)"), archive: path, offset: 0)
    }
    inflating = true
    try refill()
    guard stream.pointee.avail_in >= 2, input[0] == 0x1f, input[1] == 0x8b else {
      throw ArchiveError(.notGzip, archive: path, offset: 0)
    }
  }

  deinit {
    if inflating { inflateEnd(stream) }
    if descriptor >= 0 { close(descriptor) }
    stream.deinitialize(count: 1)
    stream.deallocate()
    input.deallocate()
  }

  /// Bytes of the file that zlib has consumed: where a decoding error was found.
  public var compressedOffset: Int {
    fileOffset - Int(stream.pointee.avail_in)
  }

  /// Decompresses into `buffer` until it is full or the last member ends; returns the count.
  ///
  /// When decoding fails after some bytes came out, those bytes are returned first and the
  /// error is thrown by the next call (and every call after it), so a reader downstream meets
  /// the error where the good data ends.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if let failure { throw failure }
    guard !finished, let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
    let capacity = UInt32(clamping: buffer.count)
    stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = capacity
    do {
      try inflateUntilFull()
    } catch let error as ArchiveError {
      failure = error
      if stream.pointee.avail_out == capacity { throw error }
    }
    return Int(capacity - stream.pointee.avail_out)
  }

  private func inflateUntilFull() throws {
    while stream.pointee.avail_out > 0 {
      if stream.pointee.avail_in == 0 && !fileEnded { try refill() }
      if memberEnded {
        if stream.pointee.avail_in == 0 {
          finished = true
          return
        }
        if stream.pointee.next_in.pointee == 0 {  // no member starts with 0: padding
          try skipZeroPadding()
          finished = true
          return
        }
        inflateReset(stream)  // another member follows
        memberEnded = false
      }
      switch inflate(stream, Z_NO_FLUSH) {
      case Z_OK:
        continue
      case Z_STREAM_END:
        memberEnded = true
      case Z_BUF_ERROR where stream.pointee.avail_in == 0 && fileEnded:
        throw ArchiveError(.truncatedGzip, archive: path, offset: compressedOffset)
      case let status:
        throw decodingError(status)
      }
    }
  }

  // Reads the rest of the file, which must be zero bytes.
  private func skipZeroPadding() throws {
    while stream.pointee.avail_in > 0 {
      let bytes = UnsafeBufferPointer(start: stream.pointee.next_in, count: Int(stream.pointee.avail_in))
      if let nonZero = bytes.firstIndex(where: { $0 != 0 }) {
        let offset = compressedOffset + nonZero
        throw ArchiveError(
          .corruptDeflate("non-zero byte in the zero padding after the last member"),
          archive: path, offset: offset)
      }
      stream.pointee.avail_in = 0
      if !fileEnded { try refill() }
    }
  }

  private func decodingError(_ status: Int32) -> ArchiveError {
    let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
    // zlib checks the trailer's CRC-32 ("incorrect data check") and ISIZE ("incorrect length
    // check") and reports either as Z_DATA_ERROR.
    let kind: ArchiveError.Kind =
      message.hasPrefix("incorrect data check") || message.hasPrefix("incorrect length check")
      ? .checksumMismatch(message) : .corruptDeflate(message)
    return ArchiveError(kind, archive: path, offset: compressedOffset)
  }

  private func refill() throws {
    var count = 0
    while count < chunkSize {
      let got = Foundation.read(descriptor, input + count, chunkSize - count)
      if got > 0 {
        count += got
      } else if got == 0 {
        fileEnded = true
        break
      } else if errno != EINTR {
        let reason = String(cString: strerror(errno))
        throw ArchiveError(.unreadable(reason), archive: path, offset: fileOffset + count)
      }
    }
    fileOffset += count
    stream.pointee.next_in = input
    stream.pointee.avail_in = UInt32(count)
  }
}
