import SentimentKit
import Foundation

/// One reference case, a JSON file written by PyTorch in float64 (its `generator` field names the
/// version and seed; see ../shared/parity/README.md): a `description` of the model and loss, size
/// fields, the inputs, the outputs and the gradients. Tensors are `{"shape": [...], "data": [...]}`
/// (row-major, possibly nested lists); weights use PyTorch's state_dict names. Every accessor
/// throws a `ParityFileError` that names this file and the field.
public struct ParityFile {
  /// The file's name, e.g. "lstm.json": what errors and reports call the case.
  public let name: String
  /// The decoded top-level object.
  public let json: [String: Any]

  /// A case from an already decoded object (a test may alter one before running it).
  public init(name: String, json: [String: Any]) {
    self.name = name
    self.json = json
  }

  /// The largest parity file read (64 MiB; ours are under 100 KB).
  public static let maxFileSize = 64 << 20

  /// Reads and decodes the regular file at `url` (a FIFO or device is refused, not read).
  public init(contentsOf url: URL) throws {
    let name = url.lastPathComponent
    let bytes: [UInt8]
    do {
      bytes = try WholeFile.read(url.path, limit: Self.maxFileSize)
    } catch {
      throw ParityFileError.unreadable(file: name, reason: error.reason)
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      throw ParityFileError.unreadable(file: name, reason: "not valid JSON")
    }
    guard let json = object as? [String: Any] else {
      throw ParityFileError.unreadable(file: name, reason: "the top level is not a JSON object")
    }
    self.init(name: name, json: json)
  }

  /// The `.json` files in `folder`, sorted by name.
  public static func urls(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
      .map { folder.appendingPathComponent($0) }
  }

  /// The `description` field: what model, loss and layout the case holds ("" when absent).
  public var description: String { json["description"] as? String ?? "" }

  /// Whether the top-level field `key` is present.
  public func has(_ key: String) -> Bool { json[key] != nil }

  /// An integer field such as "hidden_size".
  public func int(_ key: String) throws -> Int {
    try field(key, as: Int.self, "an integer")
  }

  /// A size field such as "hidden_size": an integer of at least 1.
  public func size(_ key: String) throws -> Int {
    let value = try int(key)
    guard value >= 1 else {
      throw ParityFileError.malformedField(file: name, field: key, expected: "a positive integer")
    }
    return value
  }

  /// Sequence lengths under `key` ("lengths"): one or more, each from 1 to `steps`.
  public func lengths(_ key: String, steps: Int) throws -> [Int] {
    let lengths = try ints(key)
    guard !lengths.isEmpty, lengths.allSatisfy({ $0 >= 1 && $0 <= steps }) else {
      throw ParityFileError.malformedField(
        file: name, field: key, expected: "one or more lengths from 1 to \(steps)")
    }
    return lengths
  }

  /// An integer list field such as "lengths".
  public func ints(_ key: String) throws -> [Int] {
    try field(key, as: [Int].self, "a list of integers")
  }

  /// A number field such as "loss".
  public func double(_ key: String) throws -> Double {
    try field(key, as: Double.self, "a number")
  }

  /// The names under an object field such as "weights", sorted.
  public func keys(_ key: String) throws -> [String] {
    try field(key, as: [String: Any].self, "an object").keys.sorted()
  }

  /// The tensor at `path` (e.g. "weights", "weight_ih_l0").
  public func tensor(_ path: String...) throws -> ParityTensor { try tensor(at: path) }

  /// The tensor at `path`, which must have shape `shape` (the one the model gives it).
  public func tensor(_ path: String..., shape: [Int]) throws -> ParityTensor {
    let tensor = try tensor(at: path)
    guard tensor.shape == shape else {
      throw ParityFileError.wrongShape(
        file: name, field: dotted(path), found: tensor.shape, expected: shape)
    }
    return tensor
  }

  /// The tensor at `path`: an object with an integer list "shape" and a "data" list (nested
  /// lists allowed) of as many numbers as the shape holds.
  public func tensor(at path: [String]) throws -> ParityTensor {
    let field = dotted(path)
    var node: Any? = json
    for key in path {
      guard let object = node as? [String: Any] else {
        throw ParityFileError.malformedField(file: name, field: field, expected: "inside an object")
      }
      node = object[key]
    }
    guard let node else { throw ParityFileError.missingField(file: name, field: field) }
    func malformed(_ expected: String) -> ParityFileError {
      .malformedField(file: name, field: field, expected: expected)
    }
    guard let entry = node as? [String: Any], let shape = entry["shape"] as? [Int],
      shape.allSatisfy({ $0 >= 0 }), let list = entry["data"] as? [Any]
    else { throw malformed("a tensor {\"shape\": [...], \"data\": [...]}") }
    guard let data = Self.numbers(list) else { throw malformed("a tensor of numbers only") }
    guard data.count == shape.reduce(1, *) else {
      throw malformed("a tensor of shape \(shape) (it holds \(data.count) values)")
    }
    return ParityTensor(shape: shape, data: data)
  }

  /// Checks that the object field `key` holds exactly the tensors `names`.
  public func expectNames(_ key: String, _ names: [String]) throws {
    let present = Set(try keys(key))
    let wanted = Set(names)
    guard present == wanted else {
      throw ParityFileError.names(
        file: name, field: key, missing: wanted.subtracting(present).sorted(),
        unexpected: present.subtracting(wanted).sorted())
    }
  }

  /// Copies the tensors of the object field `key` into `parameters` by name, after checking that
  /// both hold the same names and that every shape matches.
  public func load<P: ParameterSet>(_ key: String, into parameters: P) throws {
    let tensors = parameters.namedTensors
    try expectNames(key, tensors.map(\.name))
    for t in tensors {
      let values = try tensor(key, t.name, shape: t.shape).matrix(as: P.T.self)
      t.value.assign(values.reshaped(rows: t.value.rows, cols: t.value.cols))
    }
  }

  /// The top-level field `key` as a `T`, or an error naming what it should have been.
  private func field<T>(_ key: String, as: T.Type, _ expected: String) throws -> T {
    guard let value = json[key] else { throw ParityFileError.missingField(file: name, field: key) }
    guard let typed = value as? T else {
      throw ParityFileError.malformedField(file: name, field: key, expected: expected)
    }
    return typed
  }

  private func dotted(_ path: [String]) -> String { path.joined(separator: ".") }

  /// The numbers of a possibly nested list, row-major; nil if anything else is in it.
  private static func numbers(_ list: [Any]) -> [Double]? {
    var result = [Double]()
    for item in list {
      if let number = item as? Double {
        result.append(number)
      } else if let inner = item as? [Any], let numbers = numbers(inner) {
        result += numbers
      } else {
        return nil
      }
    }
    return result
  }
}
