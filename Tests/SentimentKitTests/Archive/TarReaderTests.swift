import SentimentKit
import XCTest

final class TarReaderTests: XCTestCase {
  private var directory: TemporaryDirectory!

  override func setUpWithError() throws {
    directory = try TemporaryDirectory()
  }

  // The archive gzipped into a file, opened with small buffers so reads cross many refills.
  private func reader(_ tar: [UInt8], bufferSize: Int = 1024) throws -> TarReader {
    let path = try directory.write(ArchiveBuilder.gzip(tar), to: "test.tar.gz")
    return TarReader(
      source: try GzipReader(path: path, chunkSize: 256), archivePath: path,
      bufferSize: bufferSize)
  }

  private func entries(_ reader: TarReader) throws -> [(path: String, text: String)] {
    var found: [(path: String, text: String)] = []
    while let entry = try reader.next() {
      found.append((entry.path, try reader.withContents { String(decoding: $0, as: UTF8.self) }))
    }
    return found
  }

  func testReadsRegularFilesAndSkipsOtherEntries() throws {
    var archive = ArchiveBuilder()
    archive.directory("top/")
    archive.file("top/a.txt", "alpha")
    archive.symlink("top/link")
    archive.file("top/b.txt", String(repeating: "b", count: 3000))
    archive.file("top/empty.txt", "")
    archive.end()
    let reader = try reader(archive.tar)
    let first = try reader.next()
    XCTAssertEqual(first, TarEntry(path: "top/a.txt", size: 5, offset: 512))
    let found =
      try [(first?.path ?? "", reader.withContents { String(decoding: $0, as: UTF8.self) })]
      + entries(reader)
    XCTAssertEqual(found.map(\.0), ["top/a.txt", "top/b.txt", "top/empty.txt"])
    XCTAssertEqual(found.map(\.1), ["alpha", String(repeating: "b", count: 3000), ""])
    XCTAssertNil(try reader.next())
  }

  func testSkipsUnreadContents() throws {
    var archive = ArchiveBuilder()
    archive.file("big.bin", ArchiveBuilder.noise(5000, seed: 3))
    archive.file("small.txt", "small")
    archive.end()
    let reader = try reader(archive.tar, bufferSize: 512)
    XCTAssertEqual(try reader.next()?.path, "big.bin")
    XCTAssertEqual(try reader.next()?.path, "small.txt")
    XCTAssertEqual(try reader.withContents { Array($0) }, Array("small".utf8))
    XCTAssertEqual(reader.offset, 512 + 5120 + 512)  // at small.txt's data
  }

  func testContentsLargerThanTheBuffer() throws {
    var archive = ArchiveBuilder()
    let noise = ArchiveBuilder.noise(5000, seed: 4)
    archive.file("big.bin", noise)
    archive.end()
    let reader = try reader(archive.tar, bufferSize: 512)
    _ = try reader.next()
    XCTAssertEqual(try reader.withContents { Array($0) }, noise)
  }

  func testGNULongName() throws {
    let path = "aclImdb/" + String(repeating: "long-folder-name/", count: 12) + "1_8.txt"
    var archive = ArchiveBuilder()
    archive.fileWithLongName(path, "long")
    archive.file("short.txt", "short")
    archive.end()
    let found = try entries(reader(archive.tar))
    XCTAssertEqual(found.map(\.path), [path, "short.txt"])
    XCTAssertEqual(found.map(\.text), ["long", "short"])
  }

  func testPaxPathAndIgnoredGlobalHeader() throws {
    let path = "aclImdb/test/pos/" + String(repeating: "é", count: 80) + "_9.txt"
    var archive = ArchiveBuilder()
    archive.pax(typeflag: "g", records: ["comment": "made by a test"])
    archive.fileWithPaxPath(path, "pax")
    archive.file("after.txt", "after")
    archive.end()
    XCTAssertEqual(try entries(reader(archive.tar)).map(\.path), [path, "after.txt"])
  }

  func testPosixPrefixField() throws {
    var archive = ArchiveBuilder()
    archive.file(prefix: "aclImdb/train", name: "pos/1_7.txt", "prefixed")
    archive.end()
    XCTAssertEqual(try entries(reader(archive.tar)).map(\.path), ["aclImdb/train/pos/1_7.txt"])
  }

  func testEndsAtTwoZeroBlocks() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.end()
    archive.file("after-the-end.txt", "ignored")
    XCTAssertEqual(try entries(reader(archive.tar)).map(\.path), ["a.txt"])
  }

  func testSkipsALoneZeroBlock() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.end(zeroBlocks: 1)
    archive.file("b.txt", "b")
    archive.end()
    XCTAssertEqual(try entries(reader(archive.tar)).map(\.path), ["a.txt", "b.txt"])
  }

  /// One zero block is enough of an end marker (some writers stop there); none at all is an
  /// archive cut short (HostileArchiveTests).
  func testToleratesEndAfterOneZeroBlock() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.end(zeroBlocks: 1)
    XCTAssertEqual(try entries(reader(archive.tar)).map(\.path), ["a.txt"])
  }

  func testArchiveSplitAcrossGzipMembers() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", String(repeating: "a", count: 900))
    archive.file("b.txt", "b")
    archive.end()
    let (head, tail) = (archive.tar.prefix(700), archive.tar.dropFirst(700))
    let path = try directory.write(
      ArchiveBuilder.gzip(Array(head)) + ArchiveBuilder.gzip(Array(tail)), to: "two.tar.gz")
    let reader = TarReader(source: try GzipReader(path: path), archivePath: path)
    let found = try entries(reader)
    XCTAssertEqual(found.map(\.path), ["a.txt", "b.txt"])
    XCTAssertEqual(found.map(\.text), [String(repeating: "a", count: 900), "b"])
  }

  func testEmptyArchives() throws {
    var archive = ArchiveBuilder()
    archive.end()
    XCTAssertNil(try reader(archive.tar).next())
    XCTAssertNil(try reader([]).next())
  }

  func testTruncatedInsideAnEntry() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.file("b.txt", String(repeating: "b", count: 2000))
    let cut = 1024 + 512 + 700  // 700 bytes into b.txt's data
    let reader = try reader(Array(archive.tar.prefix(cut)))
    XCTAssertEqual(try reader.next()?.path, "a.txt")
    XCTAssertEqual(try reader.next()?.path, "b.txt")
    let error = archiveError { _ = try reader.withContents { $0.count } }
    XCTAssertEqual(error?.kind, .truncatedTar)
    XCTAssertEqual(error?.entry, "b.txt")
    XCTAssertEqual(error?.offset, cut)
    XCTAssertEqual(
      error?.description,
      "\(reader.archivePath): truncated tar (data ends inside a header or entry), "
        + "in entry 'b.txt', at tar byte \(cut)")
  }

  func testTruncatedWhileSkippingAnEntry() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", String(repeating: "a", count: 2000))
    let reader = try reader(Array(archive.tar.prefix(1000)))
    XCTAssertEqual(try reader.next()?.path, "a.txt")
    let error = archiveError { _ = try reader.next() }
    XCTAssertEqual(error?.kind, .truncatedTar)
    XCTAssertEqual(error?.entry, "a.txt")
    XCTAssertEqual(error?.offset, 1000)
  }

  func testTruncatedInsideAHeader() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.file("b.txt", "b")
    let reader = try reader(Array(archive.tar.prefix(1024 + 100)))
    XCTAssertEqual(try reader.next()?.path, "a.txt")
    let error = archiveError { _ = try reader.next() }
    XCTAssertEqual(error?.kind, .truncatedTar)
    XCTAssertNil(error?.entry)
    XCTAssertEqual(error?.offset, 1124)
  }

  func testBadHeaderChecksum() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.file("b.txt", "b")
    archive.end()
    var tar = archive.tar
    tar[1024] = UInt8(ascii: "c")  // rename b.txt to c.txt behind the checksum's back
    let reader = try reader(tar)
    XCTAssertEqual(try reader.next()?.path, "a.txt")
    let error = archiveError { _ = try reader.next() }
    XCTAssertEqual(error?.kind, .badHeaderChecksum)
    XCTAssertEqual(error?.entry, "c.txt")
    XCTAssertEqual(error?.offset, 1024)
    XCTAssertEqual(
      error?.description,
      "\(reader.archivePath): tar header checksum mismatch, in entry 'c.txt', at tar byte 1024")
  }

  func testGzipErrorNamesTheEntryWhereGoodDataEnds() throws {
    var archive = ArchiveBuilder()
    archive.file("a.txt", "a")
    archive.file("b.bin", ArchiveBuilder.noise(100_000, seed: 5))
    archive.file("c.txt", "c")
    archive.end()
    let gzip = ArchiveBuilder.gzip(archive.tar)
    let path = try directory.write(Array(gzip.prefix(gzip.count / 2)), to: "cut.tar.gz")
    let reader = TarReader(source: try GzipReader(path: path), archivePath: path)
    XCTAssertEqual(try reader.next()?.path, "a.txt")
    XCTAssertEqual(try reader.next()?.path, "b.bin")
    let error = archiveError { _ = try reader.withContents { $0.count } }
    XCTAssertEqual(
      error, ArchiveError(.truncatedGzip, archive: path, entry: "b.bin", offset: gzip.count / 2))
    XCTAssertEqual(
      error?.description,
      "\(path): truncated gzip data (file ends mid-stream), in entry 'b.bin', "
        + "at compressed byte \(gzip.count / 2)")
  }
}
