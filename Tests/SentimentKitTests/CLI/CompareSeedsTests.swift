import Foundation
import SentimentKit
import XCTest

/// `sentiment compare --seeds 2` end to end on a small synthetic archive.
final class CompareSeedsTests: XCTestCase {
  func testTwoSeedsGiveTheMeanAndSpreadOfEveryModel() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 60, into: folder)
    let compare = try SentimentTool.run(
      ["compare", "--data", archive, "--models", "elman", "--epochs", "1", "--seeds", "2", "--hidden", "4",
       "--embedding", "4", "--vocab-size", "40", "--models-dir", "c", "--report", "r/compare.md"],
      in: folder)
    XCTAssertEqual(compare.status, 0, compare.errors)
    let text = try String(contentsOf: folder.appendingPathComponent("r/compare.md"), encoding: .utf8)
    XCTAssertTrue(text.contains("## Over 2 seeds"), text)
    XCTAssertTrue(text.contains("| Elman | ") && text.contains("| NBSVM uni+bi+tri (logistic regression) | "), text)
    for name in ["elman", "elman-seed43", "nbsvm", "nbsvm-seed43"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("c/\(name)/config.json").path), name)
    }
  }
}
