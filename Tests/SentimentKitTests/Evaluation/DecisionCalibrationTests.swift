import SentimentKit
import XCTest

/// Temperature and threshold fitted on held-out decisions, against cases solved by hand.
final class DecisionCalibrationTests: XCTestCase {
  /// d = ±1, two thirds of each side right: the likelihood peaks where σ(1/T) = ⅔, so
  /// 1/T = ln 2 and T = 1/ln 2 = 1.4427.
  func testTemperatureMatchesTheObservedFrequency() {
    let fit = DecisionCalibration(fittingDecisions: [1, 1, 1, -1, -1, -1], labels: [1, 1, 0, 0, 0, 1])
    XCTAssertEqual(fit.temperature, 1 / log(2.0), accuracy: 1e-6)
    XCTAssertEqual(fit.probability(decision: 1), 2.0 / 3, accuracy: 1e-6)
  }

  /// p = (0.1, 0.4, 0.45, 0.6, 0.9), y = (0, 1, 1, 0, 1): at ½ two are right, at 0.25 four (only
  /// 0.6 wrong), at 0.425 and 0.75 three: the cut is 0.25.
  func testThresholdOfBestAccuracy() {
    XCTAssertEqual(
      DecisionCalibration.bestThreshold(probabilities: [0.1, 0.4, 0.45, 0.6, 0.9], labels: [0, 1, 1, 0, 1]),
      0.25, accuracy: 1e-12)
    // Separable at ½: ½ is kept, as the nearest of the equally good cuts.
    XCTAssertEqual(
      DecisionCalibration.bestThreshold(probabilities: [0.2, 0.3, 0.7, 0.8], labels: [0, 0, 1, 1]), 0.5)
  }
}
