import Foundation
import SentimentKit
import XCTest

final class ReviewFilesTests: XCTestCase {
  /// Sources and texts (or error descriptions) of every item.
  func items(_ files: ReviewFiles) -> [(String, String)] {
    files.map { item in
      switch item.text {
      case .success(let text): return (item.source, text)
      case .failure(let error): return (item.source, "error: \(error)")
      }
    }
  }

  func assertItems(
    _ files: ReviewFiles, _ expected: [(String, String)], _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let found = items(files)
    XCTAssertEqual(found.map(\.0), expected.map(\.0), "sources \(message)", file: file, line: line)
    XCTAssertEqual(found.map(\.1), expected.map(\.1), "texts \(message)", file: file, line: line)
  }

  /// `.txt` files only, at any depth, in byte order of their paths: "a b.txt" (space) before
  /// "a.txt" (dot) before "a/z.txt" (slash), capitals before small letters.
  func testDirectoryIsWalkedRecursivelyInPathOrder() throws {
    let directory = try TemporaryDirectory()
    let names = ["b.txt", "a/z.txt", "a.txt", "a b.txt", "B.txt", "sub/deeper/c.txt", "ü.txt"]
    for name in names { try directory.write(Array("text of \(name)".utf8), to: name) }
    for name in ["notes.md", "sub/README", "upper.TXT", "txt"] {
      try directory.write(Array("not a review".utf8), to: name)
    }
    try FileManager.default.createDirectory(
      atPath: directory.path + "/empty-folder", withIntermediateDirectories: true)
    let order = ["B.txt", "a b.txt", "a.txt", "a/z.txt", "b.txt", "sub/deeper/c.txt", "ü.txt"]
    assertItems(
      ReviewFiles([directory.path]),
      order.map { (directory.path + "/" + $0, "text of \($0)") })
    assertItems(
      ReviewFiles([directory.path + "/"]),
      order.map { (directory.path + "/" + $0, "text of \($0)") }, "a trailing slash is not doubled")
  }

  /// A file named on the command line is read whatever its name; paths give their items in the
  /// order given; a path that does not exist is an item, and the ones after it still come.
  func testPathsInTheOrderGivenWithMissingOnes() throws {
    let directory = try TemporaryDirectory()
    let notes = try directory.write(Array("named outright".utf8), to: "notes.md")
    let review = try directory.write(Array("in a folder".utf8), to: "folder/r.txt")
    let missing = directory.path + "/absent.txt"
    assertItems(
      ReviewFiles([notes, missing, directory.path + "/folder", notes]),
      [
        (notes, "named outright"), (missing, "error: cannot read: No such file or directory"),
        (review, "in a folder"), (notes, "named outright"),
      ])
  }

  /// Links to files are read through; a dangling link named .txt is an error item; a link back
  /// to an enclosing folder is not followed round the loop.
  func testSymbolicLinks() throws {
    let directory = try TemporaryDirectory()
    let files = FileManager.default
    try directory.write(Array("real".utf8), to: "real.txt")
    try files.createSymbolicLink(
      atPath: directory.path + "/link.txt", withDestinationPath: "real.txt")
    try files.createSymbolicLink(
      atPath: directory.path + "/gone.txt", withDestinationPath: "nowhere")
    try files.createSymbolicLink(
      atPath: directory.path + "/gone.md", withDestinationPath: "nowhere")
    try directory.write(Array("inner".utf8), to: "sub/inner.txt")
    try files.createSymbolicLink(atPath: directory.path + "/sub/up", withDestinationPath: "..")
    let root = directory.path
    assertItems(
      ReviewFiles([root]),
      [
        (root + "/gone.txt", "error: cannot read: No such file or directory"),
        (root + "/link.txt", "real"), (root + "/real.txt", "real"),
        (root + "/sub/inner.txt", "inner"),
      ])
  }

  func testBadFilesAreItemsWithTheReason() throws {
    let directory = try TemporaryDirectory()
    let bad = try directory.write(
      Array("caf\u{e9} ".utf8) + [0xC3, 0x28] + Array(" ok".utf8), to: "bad.txt")
    let empty = try directory.write([], to: "empty.txt")
    let blank = try directory.write(Array(" \n\t\r\n".utf8), to: "blank.txt")
    let folderNamedTxt = directory.path + "/folder.txt"
    try FileManager.default.createDirectory(
      atPath: folderNamedTxt, withIntermediateDirectories: true)
    assertItems(
      ReviewFiles([bad, empty, blank, folderNamedTxt]),
      [
        (bad, "error: invalid UTF-8 at byte 6"), (empty, "error: empty review"),
        (blank, "error: empty review"),
      ], "a folder named .txt is walked, not read")
  }

  /// Files are read as the iteration reaches them, not when it starts.
  func testFilesAreReadLazily() throws {
    let directory = try TemporaryDirectory()
    let first = try directory.write(Array("one".utf8), to: "1.txt")
    let second = directory.path + "/2.txt"
    var iterator = ReviewFiles([first, second]).makeIterator()
    XCTAssertEqual(try iterator.next()?.text.get(), "one")
    try directory.write(Array("two, written after the first was read".utf8), to: "2.txt")
    XCTAssertEqual(try iterator.next()?.text.get(), "two, written after the first was read")
    XCTAssertNil(iterator.next())
  }

  /// Standard input through a pipe fed by another thread: one item a line, numbered from 1; a
  /// final line without a newline counts, a CR before the newline is dropped; a line longer
  /// than a read block comes whole; a bad line is an item and the next line still comes.
  func testStandardInputFromAPipe() throws {
    let long = String(repeating: "long review ", count: 20_000)
    let input =
      Array("first\n\nsecond\r\n".utf8) + Array(long.utf8) + [0x0A] + Array("bad ".utf8) + [0xFF]
      + Array("\n \t \nlast".utf8)
    let pipe = Pipe()
    let writer = Thread {
      pipe.fileHandleForWriting.write(Data(input))
      try? pipe.fileHandleForWriting.close()
    }
    writer.start()
    assertItems(
      ReviewFiles(["-"], standardInput: pipe.fileHandleForReading),
      [
        ("-:1", "first"), ("-:2", "error: empty review"), ("-:3", "second"), ("-:4", long),
        ("-:5", "error: invalid UTF-8 at byte 4"), ("-:6", "error: empty review"), ("-:7", "last"),
      ])
  }

  /// Standard input between files keeps its place in the order; an empty input has no lines.
  func testStandardInputAmongPaths() throws {
    let directory = try TemporaryDirectory()
    let before = try directory.write(Array("before".utf8), to: "before.txt")
    let after = try directory.write(Array("after".utf8), to: "after.txt")
    let lines = try directory.write(Array("x\ny\n".utf8), to: "lines")
    let handle = try XCTUnwrap(FileHandle(forReadingAtPath: lines))
    assertItems(
      ReviewFiles([before, "-", after], standardInput: handle),
      [(before, "before"), ("-:1", "x"), ("-:2", "y"), (after, "after")])
    let nothing = try directory.write([], to: "nothing")
    assertItems(
      ReviewFiles(["-"], standardInput: try XCTUnwrap(FileHandle(forReadingAtPath: nothing))), [])
  }
}
