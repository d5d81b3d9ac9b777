import Foundation
import XCTest

/// Runs the built `sentiment` executable as a user would: the binary beside the test bundle (the
/// same build), or .build/release/sentiment from the repository root.
enum SentimentTool {
  /// What a finished run left.
  struct Outcome {
    var status: Int32
    var output: String
    var errors: String
  }

  /// The executable; the calling test is skipped when it is not built.
  static func url() throws -> URL {
    let candidates = [
      Bundle(for: Marker.self).bundleURL.appendingPathComponent("sentiment"),
      Fixtures.repositoryRoot.appendingPathComponent(".build/release/sentiment"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else {
      throw XCTSkip("no sentiment executable beside the tests or at .build/release; build it first")
    }
    return found
  }

  /// A started process running `sentiment arguments` in `directory`, standard output and error
  /// appended to `log`.
  static func start(_ arguments: [String], in directory: URL? = nil, log: URL) throws -> Process {
    let process = Process()
    process.executableURL = try url()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !FileManager.default.fileExists(atPath: log.path) {
      FileManager.default.createFile(atPath: log.path, contents: nil)
    }
    let handle = try FileHandle(forWritingTo: log)
    handle.seekToEndOfFile()
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
  }

  /// Open MPI's launcher on PATH; the calling test is skipped when there is none.
  static func mpirun() throws -> URL {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    guard
      let found = folders.map({ URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") })
        .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else { throw XCTSkip("no mpirun on PATH: install openmpi-bin (make deps) to run the MPI tests") }
    return found
  }

  /// Runs `sentiment arguments` in `directory` to the end, standard input from `input` (empty if
  /// nil), in this process's environment with `environment`'s variables set (nil: removed); with
  /// `ranks`, as `mpirun -np ranks sentiment arguments` on this machine (oversubscribed, as root
  /// if need be: CI runs as root).
  static func run(
    _ arguments: [String], in directory: URL? = nil, input: String? = nil,
    environment: [String: String?] = [:], ranks: Int? = nil
  ) throws -> Outcome {
    let scratch = try TemporaryDirectory()
    let stdin = scratch.url.appendingPathComponent("stdin")
    let stdout = scratch.url.appendingPathComponent("stdout")
    let stderr = scratch.url.appendingPathComponent("stderr")
    try Data((input ?? "").utf8).write(to: stdin)
    try Data().write(to: stdout)
    try Data().write(to: stderr)
    let process = Process()
    if let ranks {
      process.executableURL = try mpirun()
      process.arguments =
        ["--oversubscribe", "--allow-run-as-root", "-np", "\(ranks)", try url().path] + arguments
    } else {
      process.executableURL = try url()
      process.arguments = arguments
    }
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty {
      var variables = ProcessInfo.processInfo.environment
      for (name, value) in environment { variables[name] = value }
      process.environment = variables
    }
    process.standardInput = try FileHandle(forReadingFrom: stdin)
    process.standardOutput = try FileHandle(forWritingTo: stdout)
    process.standardError = try FileHandle(forWritingTo: stderr)
    try process.run()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      output: try String(contentsOf: stdout, encoding: .utf8),
      errors: try String(contentsOf: stderr, encoding: .utf8))
  }

  private final class Marker {}
}
