import Foundation
import SentimentKit
import XCTest

final class AtomicFileTests: XCTestCase {
  func contents(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  /// Until `commit()` the target keeps its old bytes and the new ones sit in a hidden file; after
  /// it, only the target is there, holding every write.
  func testCommitReplacesTheFileAllAtOnce() throws {
    let folder = try temporaryDirectory()
    let url = folder.appendingPathComponent("rows.tsv")
    try Data("old\n".utf8).write(to: url)
    let file = try AtomicFile(url)
    try file.write(Data("first\n".utf8))
    try file.write(Array("second\n".utf8))
    XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "old\n")
    XCTAssertEqual(try contents(folder).count, 2)
    try file.commit()
    XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "first\nsecond\n")
    XCTAssertEqual(try contents(folder), ["rows.tsv"])
  }

  /// A file dropped or discarded before `commit()` leaves the folder as it was.
  func testUncommittedFileLeavesNothing() throws {
    let folder = try temporaryDirectory()
    let url = folder.appendingPathComponent("rows.tsv")
    do {
      let file = try AtomicFile(url)
      try file.write(Data("half a row".utf8))
    }
    XCTAssertEqual(try contents(folder), [])
    let file = try AtomicFile(url)
    file.discard()
    file.discard()
    XCTAssertEqual(try contents(folder), [])
  }

  func testErrorsNameTheFileAndTheReason() throws {
    let url = try temporaryDirectory().appendingPathComponent("absent/rows.tsv")
    XCTAssertThrowsError(try AtomicFile.write(Data(), to: url)) { error in
      XCTAssertEqual((error as? AtomicFileError)?.file, url.path)
      XCTAssertTrue("\(error)".hasSuffix("No such file or directory"), "\(error)")
    }
  }
}
