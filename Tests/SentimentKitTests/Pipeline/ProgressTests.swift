import SentimentKit
import XCTest

import class SentimentKit.Progress  // not Foundation.Progress

final class ProgressTests: XCTestCase {
  func testLogLinesShowCountsRateAndEnd() {
    var lines: [String] = []
    let progress = Progress(
      label: "encode", total: 10, unit: .items("reviews"), style: .log(interval: 0)
    ) { lines.append($0) }
    progress.advance(by: 3)
    progress.update(completed: 10)
    progress.finish()
    progress.finish()
    XCTAssertEqual(lines.count, 3)
    XCTAssertTrue(lines[0].hasPrefix("encode: 3/10 reviews (30%), "), lines[0])
    XCTAssertTrue(lines[0].contains(" reviews/s, ETA 0:"), lines[0])
    XCTAssertTrue(lines[2].hasPrefix("encode: 10/10 reviews (100%), "), lines[2])
    XCTAssertTrue(lines[2].contains(", done in "), lines[2])
    XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\r") })
  }

  func testBytesAndUnknownTotals() {
    var lines: [String] = []
    let progress = Progress(label: "read", total: nil, unit: .bytes, style: .log(interval: 0)) {
      lines.append($0)
    }
    progress.update(completed: 2_500_000)
    XCTAssertTrue(lines[0].hasPrefix("read: 2.5 MB, "), lines[0])
    XCTAssertFalse(lines[0].contains("ETA"))
  }

  func testQuietUntilTheIntervalPasses() {
    var lines: [String] = []
    for style in [Progress.Style.log(interval: 10), .terminal, .silent] {
      let progress = Progress(label: "short", total: 5, unit: .items("files"), style: style) {
        lines.append($0)
      }
      progress.advance()
      progress.finish()
    }
    XCTAssertEqual(lines, [])
  }

  func testJobFinishesTheProgressOfAStage() {
    final class Capture {
      var progress: Progress?
    }
    let capture = Capture()
    struct Reading: Stage {
      let capture: Capture
      var name: String { "reading" }
      func run(_ input: Void, in job: Job) throws {
        capture.progress = job.progress(total: 2, unit: .items("files"))
        capture.progress?.advance()
      }
    }
    let job = Job(progressStyle: .silent)
    XCTAssertNoThrow(try job.run(Reading(capture: capture)))
    XCTAssertEqual(capture.progress?.label, "reading")
    XCTAssertEqual(capture.progress?.completed, 1)
  }
}
