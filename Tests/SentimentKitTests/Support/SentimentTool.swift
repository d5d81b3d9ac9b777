import Foundation
import XCTest

/// Runs the built `sentiment` executable, which sits beside the test bundle in the build folder.
enum SentimentTool {
  /// The executable of the same build as these tests; the test is skipped if it is not built.
  static func url() throws -> URL {
    let folder = Bundle(for: Marker.self).bundleURL  // the build folder, e.g. .build/release
    let tool = folder.appendingPathComponent("sentiment")
    guard FileManager.default.isExecutableFile(atPath: tool.path) else {
      throw XCTSkip("no sentiment executable at \(tool.path): build it with `swift build` first")
    }
    return tool
  }

  /// A started process running `sentiment arguments`, standard error to `log`.
  static func start(_ arguments: [String], log: URL) throws -> Process {
    let process = Process()
    process.executableURL = try url()
    process.arguments = arguments
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardError = handle
    process.standardOutput = handle
    try process.run()
    return process
  }

  /// Runs `sentiment arguments` to the end; its exit status.
  static func run(_ arguments: [String], log: URL) throws -> Int32 {
    let process = try start(arguments, log: log)
    process.waitUntilExit()
    return process.terminationStatus
  }

  private final class Marker {}
}
