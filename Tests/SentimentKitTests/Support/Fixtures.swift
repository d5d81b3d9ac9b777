import Foundation

/// Paths the tests share: the repository root and `../shared` beside it.
enum Fixtures {
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let shared: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
}
