import Foundation
import SentimentKit
import XCTest

/// What `AtomicFile` replaces: a regular file (through symbolic links) or nothing; never a
/// device, FIFO or folder; and what it leaves when its process dies.
final class AtomicFileTargetTests: XCTestCase {
  func testASymbolicLinkIsFollowedAndKept() throws {
    let folder = try temporaryDirectory()
    let target = folder.appendingPathComponent("real.tsv")
    try Data("old".utf8).write(to: target)
    XCTAssertEqual(chmod(target.path, 0o600), 0)
    let link = folder.appendingPathComponent("link.tsv")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.tsv")
    try AtomicFile.write(Data("new".utf8), to: link)
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "real.tsv")
    XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "new")
    let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
    XCTAssertEqual(mode, 0o600, "the replaced file keeps its permissions")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["link.tsv", "real.tsv"])
  }

  func testDevicesFIFOsAndFoldersAreNotReplaced() throws {
    let folder = try temporaryDirectory()
    let fifo = folder.appendingPathComponent("fifo")
    XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
    let toDevice = folder.appendingPathComponent("null-link")
    try FileManager.default.createSymbolicLink(atPath: toDevice.path, withDestinationPath: "/dev/null")
    for (url, kind) in [(fifo, "a FIFO"), (toDevice, "a character device"), (folder, "a folder")] {
      XCTAssertThrowsError(try AtomicFile(url)) { error in
        XCTAssertTrue("\(error)".contains("is \(kind), not a regular file"), "\(error)")
      }
    }
    var info = stat()
    XCTAssertEqual(lstat(fifo.path, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the FIFO is still a FIFO")
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: toDevice.path), "/dev/null")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["fifo", "null-link"])
  }

  /// A temporary left by a process that no longer runs (SIGKILL) is named as unfinished and
  /// removed by the next file written to the same name; a live process's is left alone.
  func testTemporariesOfDeadProcessesAreRemoved() throws {
    let folder = try temporaryDirectory()
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let abandoned = ".rows.tsv.\(dead.processIdentifier)-12345.partial"
    let live = ".rows.tsv.\(getpid())-678.partial"
    for name in [abandoned, live] {
      try Data("a complete-looking row\n".utf8).write(to: folder.appendingPathComponent(name))
    }
    let file = try AtomicFile(folder.appendingPathComponent("rows.tsv"))
    let during = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    XCTAssertFalse(during.contains(abandoned))
    XCTAssertTrue(during.contains(live))
    XCTAssertTrue(during.contains { $0.hasPrefix(".rows.tsv.\(getpid())-") && $0.hasSuffix(".partial") && $0 != live })
    file.discard()
  }
}
