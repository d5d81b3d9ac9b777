import SentimentKit
import XCTest

final class GzipReaderTests: XCTestCase {
  private let text = Array(String(repeating: "A gzip test line.\n", count: 2000).utf8)

  private func readAll(_ path: String, chunkSize: Int = 1 << 20) throws -> [UInt8] {
    let reader = try GzipReader(path: path, chunkSize: chunkSize)
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
      if count == 0 { return output }
      output += buffer.prefix(count)
    }
  }

  func testReadsInSmallChunks() throws {
    let directory = try TemporaryDirectory()
    let bytes = text + ArchiveBuilder.noise(50_000, seed: 1)
    let path = try directory.write(ArchiveBuilder.gzip(bytes), to: "data.gz")
    XCTAssertEqual(try readAll(path, chunkSize: 1000), bytes)
    XCTAssertEqual(try GzipReader(path: path).fileSize, ArchiveBuilder.gzip(bytes).count)
  }

  func testConcatenatedMembersReadAsOneStream() throws {
    let directory = try TemporaryDirectory()
    let second = Array("second member".utf8)
    let path = try directory.write(
      ArchiveBuilder.gzip(text) + ArchiveBuilder.gzip([]) + ArchiveBuilder.gzip(second),
      to: "joined.gz")
    XCTAssertEqual(try readAll(path, chunkSize: 7), text + second)
  }

  func testNotGzip() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(Array("plain text".utf8), to: "plain.gz")
    let error = archiveError { _ = try GzipReader(path: path) }
    XCTAssertEqual(error, ArchiveError(.notGzip, archive: path, offset: 0))
    XCTAssertEqual(error?.description, "\(path): not a gzip file, at compressed byte 0")
    let empty = try directory.write([], to: "empty.gz")
    XCTAssertEqual(archiveError { _ = try GzipReader(path: empty) }?.kind, .notGzip)
  }

  func testMissingFile() {
    let error = archiveError { _ = try GzipReader(path: "/nonexistent/archive.tar.gz") }
    XCTAssertEqual(error?.kind, .unreadable("No such file or directory"))
  }

  func testCorruptDeflateData() throws {
    let directory = try TemporaryDirectory()
    var bytes = ArchiveBuilder.gzip(text)
    bytes[10] = 0xFF  // first block header: final block of the reserved type 3
    let path = try directory.write(bytes, to: "corrupt.gz")
    let error = archiveError { _ = try readAll(path) }
    XCTAssertEqual(error?.kind, .corruptDeflate("invalid block type"))
    XCTAssertEqual(error?.offset, 11)
    XCTAssertEqual(
      error?.description,
      "\(path): corrupt deflate data (invalid block type), at compressed byte 11")
  }

  func testTruncatedGzipKeepsTheGoodBytes() throws {
    let directory = try TemporaryDirectory()
    let bytes = ArchiveBuilder.gzip(ArchiveBuilder.noise(20_000, seed: 2))
    let path = try directory.write(Array(bytes.prefix(bytes.count / 2)), to: "cut.gz")
    let reader = try GzipReader(path: path)
    var buffer = [UInt8](repeating: 0, count: 30_000)
    let good = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
    XCTAssertGreaterThan(good, 8_000)
    XCTAssertEqual(buffer.prefix(good), ArchiveBuilder.noise(20_000, seed: 2).prefix(good))
    let error = archiveError { _ = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } }
    XCTAssertEqual(error, ArchiveError(.truncatedGzip, archive: path, offset: bytes.count / 2))
  }

  func testBadCRC() throws {
    let directory = try TemporaryDirectory()
    var bytes = ArchiveBuilder.gzip(text)
    bytes[bytes.count - 8] ^= 0x01  // the CRC-32 trailer's first byte
    let path = try directory.write(bytes, to: "crc.gz")
    let error = archiveError { _ = try readAll(path) }
    XCTAssertEqual(error?.kind, .checksumMismatch("incorrect data check"))
    XCTAssertEqual(error?.offset, bytes.count - 4)
    XCTAssertEqual(
      error?.description,
      "\(path): gzip trailer mismatch (incorrect data check), at compressed byte \(bytes.count - 4)"
    )
  }

  func testBadLength() throws {
    let directory = try TemporaryDirectory()
    var bytes = ArchiveBuilder.gzip(text)
    bytes[bytes.count - 1] ^= 0x01  // the ISIZE trailer's last byte
    let path = try directory.write(bytes, to: "length.gz")
    XCTAssertEqual(
      archiveError { _ = try readAll(path) }?.kind, .checksumMismatch("incorrect length check"))
  }

  func testGarbageAfterAMemberIsAnError() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(ArchiveBuilder.gzip(text) + Array("junk".utf8), to: "junk.gz")
    XCTAssertEqual(
      archiveError { _ = try readAll(path) }?.kind, .corruptDeflate("incorrect header check"))
  }
}
