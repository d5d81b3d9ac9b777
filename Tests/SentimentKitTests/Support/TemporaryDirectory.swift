import Foundation
import XCTest

/// A fresh directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
  /// The directory's path.
  let path: String

  /// The directory as a file URL.
  var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("sentiment-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `bytes` to `name` inside the directory (making folders on the way); its path.
  @discardableResult
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    let file = (path as NSString).appendingPathComponent(name)
    try FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }
}

extension XCTestCase {
  /// A fresh empty folder that lives until the test ends.
  func temporaryDirectory() throws -> URL {
    let directory = try TemporaryDirectory()
    addTeardownBlock { _ = directory }
    return directory.url
  }
}
