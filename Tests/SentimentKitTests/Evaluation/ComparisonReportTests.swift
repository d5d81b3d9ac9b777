import SentimentKit
import XCTest

/// The comparison's statistics in words, on 20 test reviews whose McNemar counts are known.
final class ComparisonReportTests: XCTestCase {
  /// A linear model right on all 20; recurrent B wrong on reviews 0–9, C on 0–8. Against A:
  /// B has (b, c) = (10, 0), p = 2/2¹⁰ = 0.0020; C (9, 0), p = 2/2⁹ = 0.0039: both
  /// significant. Among the recurrent ones C is best and B differs on one review: p = 1.
  func testSignificanceAgainstTheBestAndAmongTheRecurrentModels() {
    let labels = Array(repeating: 1, count: 20)
    func entry(_ name: String, wrong: Int, recurrent: Bool) -> ComparisonReport.Entry {
      let history = recurrent
        ? [EpochRecord(epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, validationLoss: 0.5, validationAccuracy: 0.8, seconds: 1, tokensPerSecond: 1, learningRate: 1e-3)]
        : []
      return ComparisonReport.Entry(
        name: name, parameterCount: 1, history: history,
        probabilities: (0..<20).map { $0 < wrong ? 0.2 : 0.9 }, labels: labels)
    }
    let report = ComparisonReport(
      command: "sentiment compare", setupLines: [],
      entries: [entry("B", wrong: 10, recurrent: true), entry("C", wrong: 9, recurrent: true), entry("A", wrong: 0, recurrent: false)],
      machine: "test")
    let text = report.markdown(chartStem: "c")
    XCTAssertTrue(text.contains("| A | 100.00% (95% CI 83.89–100.00) | best |"), text)
    XCTAssertTrue(text.contains("| B | 50.00% (95% CI 29.93–70.07) | 0.0020 |"), text)
    XCTAssertTrue(text.contains("Significantly less accurate than A: B (p = 0.0020), C (p = 0.0039)."), text)
    XCTAssertTrue(text.contains("Each recurrent model is tested against C"), text)
    XCTAssertTrue(text.contains("Not significantly different from C, so their ranking against it may be noise: B (p = 1.0000)."), text)
  }

  /// Accuracies 0.80 and 0.90 over two seeds: mean 85.00%, sample sd √(2 · 0.05²/1) = 7.07 points.
  func testSeedTableGivesMeanAndSampleStandardDeviation() {
    var report = ComparisonReport(command: "sentiment compare", setupLines: [], entries: [], machine: "test")
    XCTAssertEqual(report.markdown(chartStem: "c").contains("## Over"), false, "one seed: no table")
    report.repeats = [("A", [0.80, 0.90])]
    XCTAssertTrue(report.markdown(chartStem: "c").contains("| A | 85.00% ± 7.07 | 80.00% | 90.00% |"), report.markdown(chartStem: "c"))
  }
}
