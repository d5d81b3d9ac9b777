import Foundation
import SentimentKit
import XCTest

/// The Float approximations of σ and tanh against the C library in Double.
final class VectorMathTests: XCTestCase {
  /// Inputs across the whole useful range, both signs, the polynomial/exponential seam at 0.625,
  /// tiny values (where tanh x ≈ x must keep relative accuracy) and saturation.
  private var inputs: [Float] {
    var values: [Float] = [0, 1e-30, 1e-8, 3e-5, 0.624_999, 0.625, 0.625_001, 9, 20, 87, 88, 100, 1e30]
    var x: Float = -30
    while x <= 30 { values.append(x); x += 0.001_7 }
    return values + values.map { -$0 }
  }

  /// Relative error ≤ 1e-6 (about 8 float ulps; the Float parity tests need 1e-5), absolute
  /// 1e-37 so that σ(−100) ≈ 4e-44 against a denormal-flushed 0 still passes.
  private func check(_ name: String, _ approximate: (UnsafeMutablePointer<Float>, Int) -> Void, _ exact: (Double) -> Double) {
    var values = inputs
    values.withUnsafeMutableBufferPointer { approximate($0.baseAddress!, $0.count) }
    for (x, y) in zip(inputs, values) {
      let reference = exact(Double(x))
      let error = abs(Double(y) - reference)
      XCTAssertLessThanOrEqual(error, 1e-37 + 1e-6 * abs(reference), "\(name)(\(x)) = \(y), expected \(reference)")
    }
  }

  func testTanhMatchesLibm() { check("tanh", { Float.tanh($0, count: $1) }, { Foundation.tanh($0) }) }

  func testSigmoidMatchesLibm() { check("σ", { Float.sigmoid($0, count: $1) }, { 1 / (1 + Foundation.exp(-$0)) }) }

  func testDoubleVersionsAreTheExactFunctions() {
    var values: [Double] = [-3, -0.1, 0, 0.2, 4]
    values.withUnsafeMutableBufferPointer { Double.tanh($0.baseAddress!, count: $0.count) }
    XCTAssertEqual(values, [-3, -0.1, 0, 0.2, 4].map { Foundation.tanh($0) })
  }
}

/// Row access 16 elements at a time, including the partial last vector of a row.
final class LanesTests: XCTestCase {
  func testPartialVectorsReadZerosAndWriteOnlyTheirLanes() {
    var row = (0..<20).map(Double.init)
    row.withUnsafeMutableBufferPointer { buffer in
      let p = buffer.baseAddress!
      XCTAssertEqual(p.lanes(at: 0, count: 16), SIMD16((0..<16).map(Double.init)))
      let tail = p.lanes(at: 16, count: 3)
      XCTAssertEqual(Array(tail.indices.map { tail[$0] }), [16, 17, 18] + Array(repeating: 0, count: 13))
      p.setLanes(at: 16, count: 3, to: SIMD16(repeating: -1))
    }
    XCTAssertEqual(Array(row[16...]), [-1, -1, -1, 19])
  }
}
