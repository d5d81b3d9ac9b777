import SentimentKit
import XCTest

/// A stage made of a closure, for testing the job's bookkeeping.
private struct Step<Input, Output>: Stage {
  let name: String
  let body: (Input, Job) throws -> Output

  func run(_ input: Input, in job: Job) throws -> Output {
    try body(input, job)
  }
}

private struct Failure: Error {}

final class JobTests: XCTestCase {
  func testRunsAndRecordsAStage() throws {
    let job = Job(progressStyle: .silent)
    let double = Step<Int, Int>(name: "double") { value, job in
      job.setItemCount(value)
      return value * 2
    }
    XCTAssertEqual(try job.run(double, 21), 42)
    XCTAssertEqual(job.records.count, 1)
    XCTAssertEqual(job.records[0].name, "double")
    XCTAssertEqual(job.records[0].items, 21)
    XCTAssertEqual(job.records[0].depth, 0)
    XCTAssertGreaterThanOrEqual(job.records[0].seconds, 0)
  }

  func testComposedStagesRecordTheWholeAndEachPart() throws {
    let job = Job(progressStyle: .silent)
    let count = Step<String, Int>(name: "count") { text, _ in text.count }
    let describe = Step<Int, String>(name: "describe") { value, _ in "\(value) characters" }
    let square = Step<Int, Int>(name: "square") { value, _ in value * value }
    let pipeline = count.then(square).then(describe)
    XCTAssertEqual(pipeline.name, "count → square → describe")
    XCTAssertEqual(try job.run(pipeline, "abc"), "9 characters")
    XCTAssertEqual(
      job.records.map(\.name),
      ["count → square → describe", "count → square", "count", "square", "describe"])
    XCTAssertEqual(job.records.map(\.depth), [0, 1, 2, 2, 1])
    XCTAssertEqual(job.totalSeconds, job.records[0].seconds)
  }

  func testAFailingStageIsStillRecorded() {
    let job = Job(progressStyle: .silent)
    let fail = Step<Void, Void>(name: "fail") { _, _ in throw Failure() }
    XCTAssertThrowsError(try job.run(fail))
    XCTAssertEqual(job.records.map(\.name), ["fail"])
    XCTAssertNil(job.records[0].items)
  }
}
