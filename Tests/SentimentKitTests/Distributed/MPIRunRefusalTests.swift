import Foundation
import XCTest

/// Commands that do not share their work refuse to run under mpirun, rather than run N copies
/// writing the same files at once.
final class MPIRunRefusalTests: XCTestCase {
  func testEvaluateRefusesToRunUnderMPIRun() throws {
    _ = try SentimentTool.mpirun()
    let directory = try temporaryDirectory()
    try TestModel().save(in: directory, as: "model")
    let run = try SentimentTool.run(["evaluate", "--model", "model"], in: directory, ranks: 2)
    XCTAssertNotEqual(run.status, 0)
    XCTAssertTrue(run.errors.contains("only train and classify share their work"), run.errors)
  }
}
