import Foundation
import SentimentKit
import XCTest

final class SafetensorsTests: XCTestCase {
  /// A matrix, a vector, and a strided column view (written row by row).
  func makeTensors<T: Scalar>(_: T.Type) -> [NamedTensor<T>] {
    var random = SplitMix64(seed: 50)
    let wide: Matrix<T> = random.matrix(rows: 3, cols: 5)
    return [
      NamedTensor("embedding.weight", matrix: random.matrix(rows: 4, cols: 3)),
      NamedTensor("head.bias", vector: random.matrix(rows: 1, cols: 2)),
      NamedTensor("view", matrix: wide.columns(1..<3)),
    ]
  }

  func testFloatRoundTripKeepsNamesShapesOrderMetadataAndBits() throws {
    try assertRoundTrip(Float.self, dtype: .f32)
  }

  func testDoubleRoundTripKeepsNamesShapesOrderMetadataAndBits() throws {
    try assertRoundTrip(Double.self, dtype: .f64)
  }

  func assertRoundTrip<T: Scalar>(_: T.Type, dtype: Safetensors.DType) throws {
    let url = try temporaryDirectory().appendingPathComponent("model.safetensors")
    let tensors = makeTensors(T.self)
    let metadata = ["format": "pt", "note": "quote \" backslash \\ newline \n tab \t ü"]
    try Safetensors.write(tensors, metadata: metadata, to: url)

    let bytes = try Data(contentsOf: url)
    let headerLength = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
    XCTAssertEqual(headerLength % 8, 0, "header padded to a multiple of 8")
    XCTAssertEqual(bytes.count, 8 + headerLength + (12 + 2 + 6) * dtype.byteCount)

    let file = try Safetensors(contentsOf: url)
    XCTAssertEqual(file.metadata, metadata)
    XCTAssertEqual(
      file.entries.map(\.name), ["embedding.weight", "head.bias", "view"],
      "written in the given order")
    XCTAssertEqual(file.entries.map(\.shape), [[4, 3], [2], [3, 2]])
    XCTAssertEqual(file.entries.map(\.dtype), [dtype, dtype, dtype])
    let loaded = tensors.map {
      NamedTensor(
        name: $0.name, shape: $0.shape, value: Matrix<T>(rows: $0.value.rows, cols: $0.value.cols))
    }
    try file.load(into: loaded)
    for (a, b) in zip(loaded, tensors) { XCTAssertEqual(a.value.scalars, b.value.scalars, a.name) }
    XCTAssertEqual(try file.matrix("view", as: T.self).scalars, tensors[2].value.scalars)
  }

  /// F32 widens to Double exactly; F64 narrows to Float by rounding to nearest.
  func testConvertsBetweenF32AndF64() throws {
    let folder = try temporaryDirectory()
    let floats = TensorList<Float>.vector("w", [0.1, -3, 1e-30])
    let doubles = TensorList<Double>.vector("w", [0.1, -3, 1e-300])
    try Safetensors.write(floats, to: folder.appendingPathComponent("f32.safetensors"))
    try Safetensors.write(doubles, to: folder.appendingPathComponent("f64.safetensors"))
    let widened = doubles.zerosLike()
    try Safetensors(contentsOf: folder.appendingPathComponent("f32.safetensors")).load(
      into: widened)
    XCTAssertEqual(
      widened.namedTensors[0].value.scalars, [Double(Float(0.1)), -3, Double(Float(1e-30))])
    let narrowed = floats.zerosLike()
    try Safetensors(contentsOf: folder.appendingPathComponent("f64.safetensors")).load(
      into: narrowed)
    XCTAssertEqual(narrowed.namedTensors[0].value.scalars, [Float(0.1), -3, 0])
  }

  /// The write goes through a temporary file in the same folder; afterwards only the target is
  /// there, also when it replaced an older file. A failed write leaves nothing behind.
  func testAtomicWriteLeavesNoTemporaryFile() throws {
    let folder = try temporaryDirectory()
    let url = folder.appendingPathComponent("model.safetensors")
    try Safetensors.write(TensorList<Float>.vector("w", [1, 2]), to: url)
    try Safetensors.write(TensorList<Float>.vector("w", [3, 4, 5]), to: url)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.safetensors"])
    XCTAssertEqual(try Safetensors(contentsOf: url).entries.map(\.shape), [[3]])

    let missingFolder = folder.appendingPathComponent("absent").appendingPathComponent(
      "model.safetensors")
    assertError(
      try Safetensors.write(TensorList<Float>.vector("w", [1]), to: missingFolder),
      mentions: ["absent"]
    ) {
      if case .io = $0 { return true } else { return false }
    }
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.safetensors"])
    assertError(
      try Safetensors.write(
        [
          NamedTensor("w", vector: Matrix<Float>(rows: 1, cols: 1)),
          NamedTensor("w", vector: Matrix<Float>(rows: 1, cols: 1)),
        ], to: url), mentions: ["'w'"]
    ) {
      if case .tensor(_, "w", _) = $0 { return true } else { return false }
    }
  }

  // MARK: Malformed files, each made by hand: header JSON, then data bytes.

  /// Writes 8-byte length (the header's, unless overridden), the header padded to 8, and `data`.
  func rawFile(_ header: String, data: Int, length: UInt64? = nil) throws -> URL {
    var headerBytes = Array(header.utf8)
    headerBytes += [UInt8](repeating: 0x20, count: (8 - headerBytes.count % 8) % 8)
    let n = length ?? UInt64(headerBytes.count)
    let bytes =
      (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) } + headerBytes
      + [UInt8](repeating: 0, count: data)
    let url = try temporaryDirectory().appendingPathComponent("bad.safetensors")
    try Data(bytes).write(to: url)
    return url
  }

  /// Asserts `body` throws a SafetensorsError that `matches` and whose message names the file
  /// (its last path component) and every string in `mentions`.
  func assertError<R>(
    _ body: @autoclosure () throws -> R, mentions: [String] = [], file: StaticString = #filePath,
    line: UInt = #line, _ matches: (SafetensorsError) -> Bool
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      guard let error = error as? SafetensorsError else {
        return XCTFail("not a SafetensorsError: \(error)", file: file, line: line)
      }
      XCTAssertTrue(matches(error), "unexpected error: \(error)", file: file, line: line)
      XCTAssertTrue(
        error.description.contains(".safetensors"), "message names the file: \(error)", file: file,
        line: line)
      for text in mentions {
        XCTAssertTrue(
          error.description.contains(text), "message mentions \(text): \(error)", file: file,
          line: line)
      }
    }
  }

  func read(_ url: URL) throws -> Safetensors { try Safetensors(contentsOf: url) }

  func testTruncatedFiles() throws {
    let url = try temporaryDirectory().appendingPathComponent("short.safetensors")
    try Data([1, 0, 0]).write(to: url)
    assertError(try read(url), mentions: ["3 bytes"]) {
      if case .truncated(_, 3) = $0 { return true } else { return false }
    }
    // A whole file cut short inside the data: the last tensor runs past the end.
    try Safetensors.write(
      [
        NamedTensor("a", vector: Matrix<Float>(rows: 1, cols: 2)),
        NamedTensor("b", vector: Matrix<Float>(rows: 1, cols: 2)),
      ], to: url)
    let bytes = try Data(contentsOf: url)
    try bytes.prefix(bytes.count - 4).write(to: url)
    assertError(try read(url), mentions: ["'b'", "truncated"]) {
      if case .tensor(_, "b", _) = $0 { return true } else { return false }
    }
  }

  func testHeaderLengthBeyondTheFile() throws {
    let url = try rawFile(
      #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: 4, length: 1 << 40)
    assertError(try read(url), mentions: ["1099511627776"]) {
      if case .headerLength(_, 1 << 40, _) = $0 { return true } else { return false }
    }
  }

  func testBadJSON() throws {
    assertError(try read(try rawFile(#"{"a": {"dtype": "F32", "#, data: 0)), mentions: ["JSON"]) {
      if case .header = $0 { return true } else { return false }
    }
    assertError(try read(try rawFile("[1, 2]", data: 0)), mentions: ["not an object"]) {
      if case .header = $0 { return true } else { return false }
    }
    assertError(
      try read(try rawFile(#"{"__metadata__":{"step":3}}"#, data: 0)), mentions: ["__metadata__"]
    ) {
      if case .header = $0 { return true } else { return false }
    }
  }

  /// PyTorch's half types widen exactly: normal, subnormal, largest, negative and zero values.
  func testHalfPrecisionTensorsWidenExactly() throws {
    let half: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0x8000]
    let brain: [UInt16] = [0x3F80, 0xC0A0, 0x0001, 0x7F7F]
    let header =
      #"{"h":{"dtype":"F16","shape":[2,3],"data_offsets":[0,12]},"#
      + #""b":{"dtype":"BF16","shape":[4],"data_offsets":[12,20]}}"#
    var bytes = Array(header.utf8)
    bytes += [UInt8](repeating: 0x20, count: (8 - bytes.count % 8) % 8)
    let length = UInt64(bytes.count)
    bytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + bytes
    for word in half + brain { bytes += [UInt8(word & 0xFF), UInt8(word >> 8)] }
    let url = try temporaryDirectory().appendingPathComponent("half.safetensors")
    try Data(bytes).write(to: url)
    let file = try read(url)
    let h = try file.matrix("h", as: Float.self)
    XCTAssertEqual([h[0, 0], h[0, 1], h[0, 2], h[1, 0], h[1, 1]], [1, -2, 65504, 0x1p-24, 0x1.554p-2])
    XCTAssertEqual(h[1, 2].sign, .minus)
    XCTAssertEqual(h[1, 2], 0)
    let b = try file.matrix("b", as: Float.self)
    XCTAssertEqual(
      [b[0, 0], b[0, 1], b[0, 2], b[0, 3]],
      [1, -5, Float(bitPattern: 0x0001_0000), Float(bitPattern: 0x7F7F_0000)])
    // Infinity in half precision: loading refuses it, naming the tensor.
    bytes[bytes.count - 20 + 1] = 0x7C
    bytes[bytes.count - 20] = 0x00
    try Data(bytes).write(to: url)
    let target = NamedTensor<Float>(name: "h", shape: [2, 3], value: Matrix(rows: 2, cols: 3))
    let other = NamedTensor<Float>(name: "b", shape: [4], value: Matrix(rows: 1, cols: 4))
    assertError(try read(url).load(into: [target, other]), mentions: ["'h'", "infinite"]) {
      if case .tensor(_, "h", _) = $0 { return true } else { return false }
    }
  }

  func testWrongDtypeOrShape() throws {
    for (header, tensor, words) in [
      (#"{"w":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}"#, "w", "F8_E4M3"),
      (#"{"w":{"dtype":"I64","shape":[1],"data_offsets":[0,4]}}"#, "w", "I64"),
      (#"{"w":{"shape":[1],"data_offsets":[0,4]}}"#, "w", "dtype"),
      (#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, "w", "shape"),
      (#"{"w":{"dtype":"F32","shape":[true],"data_offsets":[0,4]}}"#, "w", "shape"),
      (#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, "w", "8 bytes"),
    ] {
      assertError(try read(try rawFile(header, data: 4)), mentions: ["'\(tensor)'", words]) {
        if case .tensor(_, tensor, _) = $0 { return true } else { return false }
      }
    }
  }

  func testOverlappingGappedAndOutOfRangeOffsets() throws {
    let overlap =
      #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
    assertError(try read(try rawFile(overlap, data: 12)), mentions: ["'b'", "overlaps 'a'"]) {
      if case .tensor(_, "b", _) = $0 { return true } else { return false }
    }
    let gap = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
    assertError(try read(try rawFile(gap, data: 8)), mentions: ["'a'", "unused"]) {
      if case .tensor(_, "a", _) = $0 { return true } else { return false }
    }
    let outside = #"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}"#
    assertError(try read(try rawFile(outside, data: 8)), mentions: ["'a'", "past the end"]) {
      if case .tensor(_, "a", _) = $0 { return true } else { return false }
    }
    let backwards = #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#
    assertError(try read(try rawFile(backwards, data: 8)), mentions: ["'a'", "data_offsets"]) {
      if case .tensor(_, "a", _) = $0 { return true } else { return false }
    }
    let trailing = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
    assertError(try read(try rawFile(trailing, data: 8)), mentions: ["8 bytes"]) {
      if case .header = $0 { return true } else { return false }
    }
  }

  /// Loading checks names and shapes against the model before writing anything.
  func testLoadReportsMissingUnexpectedAndMisshapenTensors() throws {
    let url = try temporaryDirectory().appendingPathComponent("dense.safetensors")
    try Safetensors.write(
      TensorList<Float>([("weight", [2, 3], nil), ("extra", [1], nil)]), to: url)
    var random = SplitMix64(seed: 51)
    // weight [3, 2], bias [3]
    let dense = Dense<Float>(inputSize: 2, outputSize: 3, using: &random)
    let before = dense.parameters.copy()
    assertError(
      try read(url).load(into: dense.parameters),
      mentions: ["bias", "extra", "weight: file [2, 3], expected [3, 2]"]
    ) {
      if case .mismatch(_, ["bias"], ["extra"], let wrong) = $0 {
        return wrong.count == 1
      } else {
        return false
      }
    }
    XCTAssertEqual(
      dense.parameters.weight.scalars, before.weight.scalars, "a failed load changes nothing")
    assertError(try read(url).matrix("bias", as: Float.self), mentions: ["bias"]) {
      if case .mismatch(_, ["bias"], [], []) = $0 { return true } else { return false }
    }
    let absent = url.deletingLastPathComponent().appendingPathComponent("absent.safetensors")
    assertError(try read(absent)) { if case .io = $0 { return true } else { return false } }
  }
}
