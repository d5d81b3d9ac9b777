import Foundation
import SentimentKit
import SentimentParity
import XCTest

/// A parity case that is not a file (`bench --parity DIR` on a folder holding a FIFO): refused at
/// once, naming it, instead of a read that blocks.
final class HostileParityFileTests: XCTestCase {
  func testAFIFOIsRefused() throws {
    let fifo = try temporaryDirectory().appendingPathComponent("case.json")
    XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
    XCTAssertThrowsError(try ParityFile(contentsOf: fifo)) { error in
      XCTAssertTrue("\(error)".contains("case.json"), "\(error)")
      XCTAssertTrue("\(error)".contains("not a regular file (a FIFO)"), "\(error)")
    }
  }
}
