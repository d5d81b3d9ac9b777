import SentimentKit
import XCTest

extension XCTestCase {
  /// The `ArchiveError` that `body` throws; a test failure (and nil) when it throws nothing or
  /// something else.
  func archiveError(
    _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line
  ) -> ArchiveError? {
    do {
      try body()
      XCTFail("expected an ArchiveError", file: file, line: line)
    } catch let error as ArchiveError {
      return error
    } catch {
      XCTFail("expected an ArchiveError, got \(error)", file: file, line: line)
    }
    return nil
  }
}
