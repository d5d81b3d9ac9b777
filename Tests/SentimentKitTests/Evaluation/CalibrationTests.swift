import SentimentKit
import XCTest

/// The expected calibration error against a case worked by hand.
final class CalibrationTests: XCTestCase {
  /// p = (0.05, 0.15, 0.95, 0.95), y = (0, 1, 1, 1): bins 0, 1 and 9 with gaps 0.05, 0.85 and
  /// 0.05, so ECE = ¼·0.05 + ¼·0.85 + ½·0.05 = 0.25.
  func testExpectedCalibrationError() {
    let calibration = Calibration(probabilities: [0.05, 0.15, 0.95, 0.95], labels: [0, 1, 1, 1])
    XCTAssertEqual(calibration.bins.map(\.count), [1, 1, 2])
    XCTAssertEqual(calibration.expectedError, 0.25, accuracy: 1e-12)
    XCTAssertEqual(calibration.bins.last?.meanProbability ?? 0, 0.95, accuracy: 1e-12)
  }

  /// Probabilities equal to the frequencies in every bin: ECE 0; p = 1 falls in the last bin.
  func testPerfectCalibrationAndTheTopEdge() {
    let calibration = Calibration(probabilities: [0.25, 0.25, 0.25, 0.25, 1, 1], labels: [1, 0, 0, 0, 1, 1])
    XCTAssertEqual(calibration.expectedError, 0, accuracy: 1e-12)
    XCTAssertEqual(calibration.bins.map(\.count), [4, 2])
  }
}
