import Foundation
import SentimentKit
import SentimentParity
import XCTest

extension ParityFile {
  /// Every case in ../shared/parity (PyTorch float64 reference vectors; each file's `generator`
  /// field names the version and seed); skips (saying so) only when the folder itself is missing.
  static func shared() throws -> [ParityFile] {
    let folder = Fixtures.shared.appendingPathComponent("parity")
    guard FileManager.default.fileExists(atPath: folder.path) else {
      throw XCTSkip("no parity folder at \(folder.path)")
    }
    return try ParityFile.urls(in: folder).map(ParityFile.init(contentsOf:))
  }
}

/// Runs `run` on every shared case (it returns nil for the cases it leaves to others) and fails
/// each quantity outside its tolerance. A file that cannot be read or run fails on its own and
/// the others are still checked; no case at all fails too (`kind` says what was looked for).
func checkEveryParityCase(
  _ kind: String, _ label: String, file: StaticString = #filePath, line: UInt = #line,
  _ run: (ParityFile) throws -> ParityResult?
) throws {
  var checked = 0
  for parity in try ParityFile.shared() {
    do {
      guard let result = try run(parity) else { continue }
      assertPassed(result, label, file: file, line: line)
      checked += 1
    } catch {
      XCTFail("\(parity.name): \(error)", file: file, line: line)
    }
  }
  XCTAssertGreaterThan(checked, 0, "no \(kind) case in the parity folder", file: file, line: line)
}

/// Fails each quantity of `result` outside its tolerance, naming its worst element, and prints
/// the case's worst deviation of each kind.
func assertPassed(
  _ result: ParityResult, _ label: String, file: StaticString = #filePath, line: UInt = #line
) {
  for quantity in result.failures {
    XCTFail(
      "\(result.file) \(label) \(quantity.name): "
        + (quantity.deviation.worst.map(String.init(describing:)) ?? "")
        + " (\(quantity.deviation))", file: file, line: line)
  }
  let kinds = ParityQuantity.Kind.allCases.compactMap { kind -> String? in
    let quantities = result.quantities.filter { $0.kind == kind }
    guard !quantities.isEmpty else { return nil }
    var deviation = Deviation()
    for quantity in quantities { deviation.include(quantity.deviation) }
    return "\(kind.rawValue) \(deviation)"
  }
  print("parity \(result.file) \(label): \(kinds.joined(separator: "; "))")
}

/// Asserts |a − e| ≤ atol + rtol·max(|a|, |e|) elementwise (swift-numerics'
/// isApproximatelyEqual form: a purely relative test would fail 0 against −5e-17) and returns the
/// deviation seen.
@discardableResult
func assertClose<T: Scalar>(
  _ actual: Matrix<T>, _ expected: Matrix<T>, relative rtol: Double, absolute atol: Double,
  _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line
) -> Deviation {
  guard actual.count == expected.count else {
    XCTFail(
      "\(what()): shape \(actual.rows)×\(actual.cols) vs \(expected.rows)×\(expected.cols)",
      file: file, line: line)
    return Deviation()
  }
  let deviation = Deviation(
    actual: actual.scalars.map { Double($0) }, expected: expected.scalars.map { Double($0) },
    tolerance: Tolerance(relative: rtol, absolute: atol))
  if !deviation.passed, let worst = deviation.worst {
    XCTFail("\(what()): \(worst)", file: file, line: line)
  }
  return deviation
}
