import Foundation
import SentimentKit
import XCTest

final class ScheduleTests: XCTestCase {
  func rates(_ schedule: Schedule, _ steps: ClosedRange<Int>) -> [Double] {
    steps.map { schedule.learningRate(base: 0.1, step: $0) }
  }

  func testConstantAndStepDecay() {
    XCTAssertEqual(rates(.constant, 0...2), [0.1, 0.1, 0.1])
    // base · 0.5^⌊s/2⌋
    XCTAssertEqual(rates(.stepDecay(every: 2, factor: 0.5), 0...4), [0.1, 0.1, 0.05, 0.05, 0.025])
  }

  /// Warm-up 2, total 6: (s + 1)/2 for s = 0, 1; then 1 − (s − 2)/4 for s = 2 … 6; 0 after.
  func testWarmupThenLinearDecay() {
    let expected = [0.05, 0.1, 0.1, 0.075, 0.05, 0.025, 0, 0]
    let actual = rates(.warmupLinear(warmup: 2, total: 6), 0...7)
    for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: 1e-16) }
  }

  /// No warm-up, total 4: (1 + cos(π s/4))/2 = 1, 0.85355, 0.5, 0.14645, 0.
  func testCosineDecay() {
    let expected = [1, (1 + 0.5.squareRoot()) / 2, 0.5, (1 - 0.5.squareRoot()) / 2, 0].map {
      0.1 * $0
    }
    let actual = rates(.warmupCosine(warmup: 0, total: 4), 0...4)
    for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: 1e-16) }
  }

  func testRoundTripsThroughJSON() throws {
    let schedule = Schedule.warmupCosine(warmup: 100, total: 5000)
    let data = try JSONEncoder().encode(schedule)
    XCTAssertEqual(try JSONDecoder().decode(Schedule.self, from: data), schedule)
  }

  /// Total 10, cut fraction 0.2 (cut = 2), ratio 4: p = 0, 0.5, then 1 − (s − 2)/8 down to 0;
  /// lr = 0.1 (1 + 3p)/4: 0.025, 0.0625, 0.1, 0.090625, … 0.025 at s = 10 and after.
  func testSlantedTriangle() {
    let p = [0, 0.5, 1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0, 0]
    let expected = p.map { 0.1 * (1 + 3 * $0) / 4 }
    let actual = rates(.slantedTriangular(total: 10, cutFraction: 0.2, ratio: 4), 0...11)
    for (s, (a, e)) in zip(actual, expected).enumerated() {
      XCTAssertEqual(a, e, accuracy: 1e-16, "step \(s)")
    }
  }
}
