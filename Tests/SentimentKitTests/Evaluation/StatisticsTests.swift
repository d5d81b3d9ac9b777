import SentimentKit
import XCTest

/// The Wilson interval and the exact McNemar test against values worked out by hand.
final class StatisticsTests: XCTestCase {
  /// 81 of 100, z² = 3.841459: centre = (0.81 + 0.019207)/1.038415 = 0.798532,
  /// half = 1.959964/1.038415 · √(0.81·0.19/100 + 3.841459/40000) = 1.887454 · 0.040436 = 0.076322,
  /// so [0.722212, 0.874852].
  func testWilsonIntervalOf81OutOf100() {
    let interval = AccuracyInterval(correct: 81, count: 100)
    XCTAssertEqual(interval.lower, 0.722212, accuracy: 2e-6)
    XCTAssertEqual(interval.upper, 0.874852, accuracy: 2e-6)
    XCTAssertEqual(interval.accuracy, 0.81)
    XCTAssertEqual(interval.description, "81.00% (95% CI 72.22–87.49)")
  }

  /// With k = 0 the centre equals the half width, (z²/2n)/(1 + z²/n): the interval is
  /// [0, (z²/n)/(1 + z²/n)]; k = n mirrors it.
  func testWilsonIntervalAtTheEnds() {
    let z2 = AccuracyInterval.z * AccuracyInterval.z
    let none = AccuracyInterval(correct: 0, count: 10)
    XCTAssertEqual(none.lower, 0, accuracy: 1e-15)
    XCTAssertEqual(none.upper, (z2 / 10) / (1 + z2 / 10), accuracy: 1e-15)
    let all = AccuracyInterval(correct: 10, count: 10)
    XCTAssertEqual(all.upper, 1, accuracy: 1e-15)
    XCTAssertEqual(all.lower, 1 - none.upper, accuracy: 1e-15)
  }

  /// 25,000 reviews at 86%: the half width the issue quotes, about 0.43 points.
  func testWilsonHalfWidthAtImdbScale() {
    let interval = AccuracyInterval(correct: 21_500, count: 25_000)
    XCTAssertEqual((interval.upper - interval.lower) / 2, 0.0043, accuracy: 0.0001)
  }

  /// n = b + c discordant pairs, p = 2 · Σ_{i ≤ min(b,c)} C(n, i) / 2ⁿ, capped at 1:
  ///   (1, 5): 2 · (1 + 6)/64 = 0.21875;  (0, 6): 2/64 = 0.03125;  (3, 3): 2 · 42/64 > 1 → 1;
  ///   (10, 0): 2/1024;  (2, 8): 2 · (1 + 10 + 45)/1024 = 0.109375;  (0, 0): 1.
  func testExactMcNemarPValues() {
    let cases: [(Int, Int, Double)] = [
      (1, 5, 0.21875), (5, 1, 0.21875), (0, 6, 0.03125), (3, 3, 1), (10, 0, 2.0 / 1024),
      (2, 8, 0.109375), (0, 0, 1),
    ]
    for (b, c, expected) in cases {
      XCTAssertEqual(McNemarTest(onlyFirst: b, onlySecond: c).pValue, expected, accuracy: 1e-12, "b \(b), c \(c)")
    }
    XCTAssertTrue(McNemarTest(onlyFirst: 0, onlySecond: 6).isSignificant())
    XCTAssertFalse(McNemarTest(onlyFirst: 1, onlySecond: 5).isSignificant())
  }

  /// Large counts stay finite: b = c gives 1; 1,000 against 1,200 is far below 0.05 (the normal
  /// approximation, z = 200/√2200 = 4.26, gives 2.2e-5; exact: 2.18e-5).
  func testExactMcNemarAtLargeCounts() {
    XCTAssertEqual(McNemarTest(onlyFirst: 5_000, onlySecond: 5_000).pValue, 1, accuracy: 1e-12)
    let p = McNemarTest(onlyFirst: 1_000, onlySecond: 1_200).pValue
    XCTAssertGreaterThan(p, 1e-5)
    XCTAssertLessThan(p, 4e-5)
  }

  /// The discordant counts come from the two correctness lists: only the pairs that differ.
  func testMcNemarCountsOnlyDiscordantPairs() {
    let test = McNemarTest(
      firstCorrect: [true, true, false, false, true, false], secondCorrect: [true, false, true, false, false, true])
    XCTAssertEqual(test.onlyFirst, 2)
    XCTAssertEqual(test.onlySecond, 2)
    XCTAssertEqual(test.pValue, 1, accuracy: 1e-12)
  }
}
