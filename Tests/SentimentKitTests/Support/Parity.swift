import Foundation
import SentimentKit
import XCTest

/// One reference case from `../shared/parity/*.json`, written by PyTorch in float64 (each file's
/// `generator` field names the exact version and seed). Tensors are `{"shape": [...], "data": [...]}`
/// in row-major order; weights use PyTorch's state_dict names.
struct ParityCase {
  let url: URL
  let json: [String: Any]

  /// Every case in the shared folder; skips (saying so) only when the folder itself is missing.
  static func all() throws -> [ParityCase] {
    let folder = Fixtures.shared.appendingPathComponent("parity")
    guard FileManager.default.fileExists(atPath: folder.path) else {
      throw XCTSkip("no parity folder at \(folder.path)")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    return try files.map { name in
      let url = folder.appendingPathComponent(name)
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
      guard let json = object as? [String: Any] else { throw ParityError.malformed(url.lastPathComponent, "top level") }
      return ParityCase(url: url, json: json)
    }
  }

  var name: String { url.lastPathComponent }
  var description: String { json["description"] as? String ?? "" }

  /// An integer field such as "hidden_size".
  func int(_ key: String) throws -> Int {
    guard let value = json[key] as? Int else { throw ParityError.malformed(name, key) }
    return value
  }

  /// An integer list field such as "lengths".
  func ints(_ key: String) throws -> [Int] {
    guard let value = json[key] as? [Int] else { throw ParityError.malformed(name, key) }
    return value
  }

  /// A top-level number such as "loss".
  func double(_ key: String) throws -> Double {
    guard let value = json[key] as? Double else { throw ParityError.malformed(name, key) }
    return value
  }

  /// A tensor at `path` (e.g. ["weights", "weight_ih_l0"]) as shape and values.
  func tensor(_ path: String...) throws -> (shape: [Int], data: [Double]) { try tensor(at: path) }

  func tensor(at path: [String]) throws -> (shape: [Int], data: [Double]) {
    var node: Any? = json
    for key in path { node = (node as? [String: Any])?[key] }
    guard let entry = node as? [String: Any], let shape = entry["shape"] as? [Int],
      let data = (entry["data"] as? [Any])?.flatMap(Self.flatten)
    else { throw ParityError.malformed(name, path.joined(separator: ".")) }
    guard shape.reduce(1, *) == data.count else { throw ParityError.malformed(name, "\(path) shape") }
    return (shape, data)
  }

  /// The tensor at `path` as a matrix: its first dimension as rows, the rest flattened; a vector
  /// becomes one row.
  func matrix<T: Scalar>(_ path: String..., as: T.Type = T.self) throws -> Matrix<T> {
    let (shape, data) = try tensor(at: path)
    let rows = shape.count > 1 ? shape[0] : 1
    return Matrix(rows: rows, cols: data.count / max(rows, 1), data: data.map { T($0) })
  }

  /// Names under an object field such as "weights".
  func keys(_ key: String) -> [String] { (json[key] as? [String: Any]).map { Array($0.keys) } ?? [] }

  private static func flatten(_ value: Any) -> [Double] {
    if let number = value as? Double { return [number] }
    if let list = value as? [Any] { return list.flatMap(flatten) }
    return [.nan]
  }
}

/// A parity file that does not have the expected shape.
enum ParityError: Error, CustomStringConvertible {
  case malformed(String, String)
  var description: String {
    switch self {
    case .malformed(let file, let field): return "\(file): missing or malformed field '\(field)'"
    }
  }
}

/// How far a result strays from its reference: the largest |a − e|, and the largest share of the
/// tolerance atol + rtol·max(|a|, |e|) any element uses (at most 1 to pass).
struct Deviation: CustomStringConvertible {
  var absolute = 0.0
  var ofTolerance = 0.0

  /// The worse of two deviations, part by part.
  mutating func include(_ other: Deviation) {
    absolute = max(absolute, other.absolute)
    ofTolerance = max(ofTolerance, other.ofTolerance)
  }

  var description: String {
    String(format: "max |Δ| %.1e (%.3f of tolerance)", absolute, ofTolerance)
  }
}

/// Asserts |a − e| ≤ atol + rtol·max(|a|, |e|) elementwise (swift-numerics'
/// isApproximatelyEqual form: a purely relative test would fail 0 against −5e-17) and returns the
/// deviation seen.
@discardableResult
func assertClose<T: Scalar>(
  _ actual: Matrix<T>, _ expected: Matrix<T>, relative rtol: Double, absolute atol: Double,
  _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line
) -> Deviation {
  var deviation = Deviation()
  guard actual.rows * actual.cols == expected.rows * expected.cols else {
    XCTFail("\(what()): shape \(actual.rows)×\(actual.cols) vs \(expected.rows)×\(expected.cols)", file: file, line: line)
    return deviation
  }
  let a = actual.scalars.map { Double($0) }
  let e = expected.scalars.map { Double($0) }
  var worstIndex = -1
  for i in a.indices {
    let difference = abs(a[i] - e[i])
    let share = difference / (atol + rtol * max(abs(a[i]), abs(e[i])))
    deviation.absolute = max(deviation.absolute, difference)
    if share > deviation.ofTolerance || (a[i].isNaN != e[i].isNaN) {
      deviation.ofTolerance = a[i].isNaN || e[i].isNaN ? .infinity : share
      if deviation.ofTolerance > 1 { worstIndex = i }
    }
  }
  if worstIndex >= 0 {
    XCTFail("\(what()): element \(worstIndex) is \(a[worstIndex]), expected \(e[worstIndex])", file: file, line: line)
  }
  return deviation
}
