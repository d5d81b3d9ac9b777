import Foundation
import SentimentKit
import XCTest

/// Opens a file written here with the reference implementation (Python `safetensors`), through
/// scripts/check_safetensors.py. Skipped when python3 or its safetensors package is missing
/// (`pip install safetensors`).
final class SafetensorsPythonCheckTests: XCTestCase {
  /// The example is left at this path so the script can be run on it by hand.
  static let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "sentimentkit-safetensors-check")

  func testReferenceImplementationReadsOurFile() throws {
    try requirePythonSafetensors()
    var random = SplitMix64(seed: 60)
    let embedding = Embedding<Float>(vocabularySize: 12, embeddingSize: 6, using: &random)
    let head = Dense<Float>(inputSize: 10, outputSize: 2, using: &random)
    let tensors =
      embedding.parameters.namedTensors.map { $0.prefixed("embedding.") }
      + head.parameters.namedTensors.map { $0.prefixed("head.") }
    try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
    let url = Self.folder.appendingPathComponent("example.safetensors")
    try Safetensors.write(tensors, metadata: ["format": "pt", "writer": "SentimentKit"], to: url)

    let expected = #"{"embedding.weight": [12, 6], "head.weight": [2, 10], "head.bias": [2]}"#
    let (status, output) = try runCheck(url, "--expect", expected, "--dtype", "F32")
    print(output)
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(output.hasSuffix("OK\n"), output)

    let wrong =
      #"{"embedding.weight": [6, 12], "head.weight": [2, 10], "head.bias": [2], "lstm.weight_ih_l0": [20, 6]}"#
    let (failed, report) = try runCheck(url, "--expect", wrong)
    XCTAssertEqual(failed, 1, report)
    XCTAssertTrue(
      report.contains("MISMATCH embedding.weight: shape [12, 6], expected [6, 12]"), report)
    XCTAssertTrue(report.contains("MISMATCH lstm.weight_ih_l0: missing"), report)
  }

  /// The other direction: a file from `safetensors.numpy.save_file`, mixing F64 and F32.
  func testWeReadTheReferenceImplementationsFile() throws {
    try requirePythonSafetensors()
    let url = try temporaryDirectory().appendingPathComponent("python.safetensors")
    let script = """
      import sys, numpy as np
      from safetensors.numpy import save_file
      save_file({"b": np.arange(6, dtype=np.float64).reshape(2, 3) / 4,
                 "a": np.array([1.5, -2.25], dtype=np.float32)}, sys.argv[1], metadata={"k": "v"})
      """
    let (status, output) = try run([python, "-c", script, url.path])
    XCTAssertEqual(status, 0, output)
    let file = try Safetensors(contentsOf: url)
    XCTAssertEqual(file.metadata, ["k": "v"])
    XCTAssertEqual(
      Set(file.entries.map { "\($0.name) \($0.dtype.rawValue) \($0.shape)" }),
      ["a F32 [2]", "b F64 [2, 3]"])
    XCTAssertEqual(try file.matrix("b", as: Double.self).scalars, [0, 0.25, 0.5, 0.75, 1, 1.25])
    XCTAssertEqual(try file.matrix("a", as: Float.self).scalars, [1.5, -2.25])
  }

  /// The Python to check with: reference/.venv's (which `make test` fills with safetensors
  /// before the suite runs), else python3 from PATH.
  var python: String {
    let venv = Fixtures.repositoryRoot.appendingPathComponent("reference/.venv/bin/python").path
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
  }

  /// A Python with `safetensors` importable, or skip.
  func requirePythonSafetensors() throws {
    let (status, _) = try run([python, "-c", "import safetensors.numpy"])
    if status != 0 { throw XCTSkip("python3 with the safetensors package is not available") }
  }

  func runCheck(_ file: URL, _ arguments: String...) throws -> (Int32, String) {
    let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/check_safetensors.py")
    return try run([python, script.path, file.path] + arguments)
  }

  /// Runs a command found on PATH; returns its exit status and its stdout and stderr together.
  func run(_ command: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}
