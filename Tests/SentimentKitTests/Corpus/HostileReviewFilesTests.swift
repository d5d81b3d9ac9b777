import Foundation
import SentimentKit
import XCTest

/// Inputs of `classify` that are not plain review files: each gets a row saying why, nothing
/// blocks, and no input is read past `Review.byteLimit`.
final class HostileReviewFilesTests: XCTestCase {
  private func rows(_ paths: [String], standardInput: FileHandle = .nullDevice) -> [(String, String)] {
    ReviewFiles(paths, standardInput: standardInput).map { item in
      switch item.text {
      case .success(let text): return (item.source, "text: \(text)")
      case .failure(let error): return (item.source, "\(error)")
      }
    }
  }

  func testFIFOsDevicesAndHugeFilesInAWalkedFolderGetRows() throws {
    let folder = try temporaryDirectory().path
    try Data("fine".utf8).write(to: URL(fileURLWithPath: folder + "/a-good.txt"))
    XCTAssertEqual(mkfifo(folder + "/b-fifo.txt", 0o644), 0)
    try FileManager.default.createSymbolicLink(atPath: folder + "/c-zero.txt", withDestinationPath: "/dev/zero")
    XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/d-big.txt", contents: nil))
    XCTAssertEqual(truncate(folder + "/d-big.txt", off_t(Review.byteLimit + 1)), 0)  // sparse
    try FileManager.default.createSymbolicLink(atPath: folder + "/e-dangling.txt", withDestinationPath: "nowhere")
    XCTAssertEqual(
      rows([folder]).map { "\(($0.0 as NSString).lastPathComponent): \($0.1)" },
      [
        "a-good.txt: text: fine",
        "b-fifo.txt: cannot read: not a regular file (a FIFO)",
        "c-zero.txt: cannot read: not a regular file (a character device)",
        "d-big.txt: review larger than 16 MB",
        "e-dangling.txt: cannot read: No such file or directory",
      ])
  }

  func testADeviceNamedDirectlyIsARow() {
    XCTAssertEqual(rows(["/dev/zero"]).map(\.1), ["cannot read: not a regular file (a character device)"])
  }

  /// A line over `Review.byteLimit` on standard input is a row; when no newline follows within
  /// the limit either (`- </dev/zero`), reading stops there with a row saying so.
  func testLongLinesOnStandardInput() throws {
    let file = try temporaryDirectory().appendingPathComponent("stdin")
    let long = [UInt8](repeating: UInt8(ascii: "a"), count: Review.byteLimit + 10)
    try Data(long + Array("\nsecond line\n".utf8)).write(to: file)
    let ended = rows(["-"], standardInput: try FileHandle(forReadingFrom: file))
    XCTAssertEqual(ended.map { "\($0.0) \($0.1.prefix(40))" }, ["-:1 review larger than 16 MB", "-:2 text: second line"])
    try Data(long + long).write(to: file)
    let endless = rows(["-"], standardInput: try FileHandle(forReadingFrom: file))
    XCTAssertEqual(
      endless.map { "\($0.0) \($0.1.prefix(80))" },
      ["-:1 cannot read: line longer than 16 MB; standard input not read further"])
  }
}

/// Names that are not UTF-8, and paths past PATH_MAX: found, opened by their bytes, and shown
/// with each invalid byte as \xNN.
final class RawNameReviewFilesTests: XCTestCase {
  // Creates the file of path bytes `path` holding `text`.
  private func create(_ path: [UInt8], _ text: String) {
    let descriptor = RawPath(bytes: path).bytes.withUnsafeBufferPointer { _ in
      (path + [0]).withUnsafeBufferPointer {
        $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
      }
    }
    XCTAssertGreaterThanOrEqual(descriptor, 0)
    _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
  }

  func testANameThatIsNotUTF8IsFoundAndRead() throws {
    let folder = try temporaryDirectory().path
    create(Array("\(folder)/caf".utf8) + [0xE9] + Array(".txt".utf8), "good film")
    let found = ReviewFiles([folder]).map { ($0.source, try? $0.text.get()) }
    XCTAssertEqual(found.map(\.0), ["\(folder)/caf\\xE9.txt"])
    XCTAssertEqual(found.map(\.1), ["good film"])
    let named = ReviewFiles([RawPath(bytes: Array("\(folder)/caf".utf8) + [0xE9] + Array(".txt".utf8))])
    XCTAssertEqual(named.map { try? $0.text.get() }, ["good film"])
  }

  /// A folder deeper than PATH_MAX (4096 bytes) cannot be listed by its path: it is a row.
  func testAFolderPastPathMaxIsARow() throws {
    let root = try temporaryDirectory().path
    var descriptor = open(root, O_RDONLY | O_DIRECTORY)
    let name = String(repeating: "d", count: 200)
    for _ in 0..<22 {  // 22 × 201 bytes: past 4096
      XCTAssertEqual(mkdirat(descriptor, name, 0o755), 0)
      let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
      close(descriptor)
      descriptor = next
    }
    close(descriptor)
    let rows = ReviewFiles([root]).map { "\($0.text)" }
    XCTAssertEqual(rows.count, 1)
    XCTAssertTrue(rows.first?.contains("File name too long") == true, "\(rows)")
  }
}
