import Foundation
import SentimentKit
import XCTest

/// Crafted tar and gzip input: every case ends in an `ArchiveError` naming what is wrong, with
/// nothing allocated from a declared size and no arithmetic trap.
final class HostileArchiveTests: XCTestCase {
  private var directory: TemporaryDirectory!

  override func setUpWithError() throws {
    directory = try TemporaryDirectory()
  }

  private func reader(_ tar: [UInt8], contentLimit: Int = 1 << 20) throws -> TarReader {
    let path = try directory.write(ArchiveBuilder.gzip(tar), to: "hostile.tar.gz")
    return TarReader(
      source: try GzipReader(path: path, chunkSize: 256), archivePath: path, bufferSize: 1024,
      contentLimit: contentLimit)
  }

  // Every entry read to its end; the error that stops the reading.
  private func readAll(_ reader: TarReader) -> ArchiveError? {
    do {
      while try reader.next() != nil { _ = try reader.withContents { $0.count } }
      return nil
    } catch {
      return error as? ArchiveError
    }
  }

  func testNegativePaxSizeIsABadHeader() throws {
    for size in ["-5", "", "12abc", "+3", "99999999999999999999999"] {
      var archive = ArchiveBuilder()
      archive.pax(typeflag: "x", records: ["size": size])
      archive.file("a.txt", "alpha")
      archive.end()
      let error = readAll(try reader(archive.tar))
      guard case .badHeader(let message)? = error?.kind else {
        XCTFail("pax size \(size): \(String(describing: error))")
        continue
      }
      XCTAssertTrue(message.contains("pax size"), message)
      XCTAssertEqual(error?.entry, "a.txt")
    }
  }

  func testPaxRecordLengthsThatOverflowAreMalformed() throws {
    for length in ["9223372036854775807", "9223372036854775806", "18446744073709551615", "-3"] {
      var archive = ArchiveBuilder()
      archive.pax(body: Array("\(length) path=x\n".utf8))
      archive.file("a.txt", "alpha")
      archive.end()
      XCTAssertEqual(
        readAll(try reader(archive.tar))?.kind, .badHeader("malformed pax record"), length)
    }
  }

  /// A terabyte declared by pax or base-256, and 8 GiB in octal: the entry is streamed past
  /// (the archive then ends inside it), never allocated.
  func testHugeDeclaredSizesAreStreamedNotAllocated() throws {
    let terabyte = 1 << 40
    var base256 = [UInt8](repeating: 0, count: 12)
    base256[0] = 0x80
    for shift in 0..<8 { base256[11 - shift] = UInt8(truncatingIfNeeded: terabyte >> (8 * shift)) }
    var pax = ArchiveBuilder()
    pax.pax(typeflag: "x", records: ["size": "\(terabyte)"])
    pax.file("big.bin", "tiny")
    var gnu = ArchiveBuilder()
    gnu.header(name: "big.bin", size: 0, typeflag: "0", sizeField: base256)
    var octal = ArchiveBuilder()
    octal.header(name: "big.bin", size: 0o77777777777, typeflag: "0")
    for (archive, size) in [(pax, terabyte), (gnu, terabyte), (octal, 0o77777777777)] {
      let reader = try reader(archive.tar)
      XCTAssertEqual(try reader.next()?.path, "big.bin")
      let read = archiveError { _ = try reader.withContents { $0.count } }
      XCTAssertEqual(read?.kind, .entryTooLarge(size: size, limit: 1 << 20))
      let skipped = archiveError { _ = try reader.next() }
      XCTAssertEqual(skipped?.kind, .truncatedTar)
    }
    var beyond = ArchiveBuilder()
    beyond.pax(typeflag: "x", records: ["size": "\(Int.max)"])
    beyond.file("big.bin", "tiny")
    guard case .badHeader? = readAll(try reader(beyond.tar))?.kind else {
      return XCTFail("a size of Int.max is a bad header")
    }
  }

  func testAnEntryOverTheContentLimitNamesItsSize() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", String(repeating: "a", count: 3000))
    archive.end()
    let reader = try reader(archive.tar, contentLimit: 2 << 10)
    XCTAssertEqual(try reader.next()?.path, "a.txt")
    let error = archiveError { _ = try reader.withContents { $0.count } }
    XCTAssertEqual(error?.kind, .entryTooLarge(size: 3000, limit: 2 << 10))
    XCTAssertEqual(error?.entry, "a.txt")
  }

  /// An archive cut exactly at an entry boundary (and gzipped again) is not complete.
  func testAnArchiveWithoutItsEndMarkerIsCutShort() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.file("b.txt", "b")
    let error = readAll(try reader(archive.tar))
    XCTAssertEqual(error?.kind, .missingEndMarker)
    XCTAssertEqual(error?.offset, 2048)
    XCTAssertTrue(error?.description.contains("cut short") == true, "\(String(describing: error))")
  }

  /// Control characters in a name are escaped in messages; invalid UTF-8 shows its bytes.
  func testEntryNamesAreEscapedInMessages() throws {
    var archive = ArchiveBuilder()
    archive.header(
      name: "", size: 5, typeflag: "0",
      rawName: Array("evil\u{1b}[2J\r\u{7}".utf8) + [0xff, 0x2e])  // and no data: cut short
    let reader = try reader(archive.tar)
    let entry = try XCTUnwrap(try reader.next())
    XCTAssertEqual(entry.path, "evil\u{1b}[2J\r\u{7}\\xFF.")
    let error = try XCTUnwrap(archiveError { _ = try reader.next() })
    XCTAssertTrue(error.description.contains("'evil\\u{1B}[2J\\r\\u{07}\\xFF.'"), error.description)
    XCTAssertFalse(error.description.unicodeScalars.contains { $0.value < 0x20 }, error.description)
  }

  func testAChecksumErrorOnABlankNameNamesNoEntry() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.end()
    var tar = archive.tar
    for index in 0..<100 { tar[index] = 0 }  // blank the name behind the checksum's back
    let error = readAll(try reader(tar))
    XCTAssertEqual(error?.kind, .badHeaderChecksum)
    XCTAssertNil(error?.entry)
    XCTAssertFalse(error?.description.contains("''") ?? true)
  }

  /// Zero bytes after the last member, as tape and disk images leave, are accepted (as GNU gzip
  /// does); anything else after them is corrupt.
  func testZeroPaddingAfterTheLastMember() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "alpha")
    archive.end()
    let gzip = ArchiveBuilder.gzip(archive.tar)
    for padding in [1, 7, 300, 5000] {
      let path = try directory.write(gzip + [UInt8](repeating: 0, count: padding), to: "p.tar.gz")
      let reader = TarReader(source: try GzipReader(path: path, chunkSize: 256), archivePath: path)
      XCTAssertEqual(try reader.next()?.path, "a.txt", "\(padding)")
      XCTAssertNil(try reader.next(), "\(padding)")
    }
    let path = try directory.write(
      gzip + [UInt8](repeating: 0, count: 600) + [0x41], to: "garbage.tar.gz")
    let reader = TarReader(source: try GzipReader(path: path, chunkSize: 256), archivePath: path)
    let error = readAll(reader)
    guard case .corruptDeflate(let message)? = error?.kind else {
      return XCTFail("\(String(describing: error))")
    }
    XCTAssertTrue(message.contains("padding"), message)
    XCTAssertEqual(error?.offset, gzip.count + 600)
  }

  /// A FIFO or a device given as the archive is refused at once: no read that blocks or never
  /// ends.
  func testOnlyARegularFileIsOpened() throws {
    let fifo = directory.path + "/archive.tar.gz"
    XCTAssertEqual(mkfifo(fifo, 0o644), 0)
    for path in [fifo, "/dev/zero", directory.path] {
      XCTAssertThrowsError(try GzipReader(path: path)) { error in
        guard case .unreadable(let reason)? = (error as? ArchiveError)?.kind else {
          return XCTFail("\(path): \(error)")
        }
        XCTAssertTrue(reason.hasPrefix("not a regular file"), reason)
      }
    }
  }
}
