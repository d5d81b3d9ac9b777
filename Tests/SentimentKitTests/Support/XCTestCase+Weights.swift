import Foundation
import SentimentKit
import XCTest

extension XCTestCase {
  /// Asserts that every tensor of the model folder `a` matches `b`'s, the same names in the same
  /// order: ‖a − b‖₂ ≤ `tolerance` · ‖b‖₂ + `absolute` per tensor, or bit for bit when both are 0.
  func assertWeights(
    of a: URL, match b: URL, within tolerance: Double, plus absolute: Double = 0, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let first = try Safetensors(contentsOf: a.appendingPathComponent("model.safetensors"))
    let second = try Safetensors(contentsOf: b.appendingPathComponent("model.safetensors"))
    XCTAssertEqual(first.entries.map(\.name), second.entries.map(\.name), file: file, line: line)
    for entry in second.entries {
      let x = try first.matrix(entry.name, as: Float.self).scalars
      let y = try second.matrix(entry.name, as: Float.self).scalars
      guard tolerance > 0 || absolute > 0 else {
        XCTAssertEqual(x, y, "\(entry.name): \(what)", file: file, line: line)
        continue
      }
      let difference = zip(x, y).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
      let size = y.reduce(0.0) { $0 + Double($1) * Double($1) }
      XCTAssertLessThanOrEqual(
        difference.squareRoot(), tolerance * size.squareRoot() + absolute, "\(entry.name): \(what)",
        file: file, line: line)
    }
  }
}
