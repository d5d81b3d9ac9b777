import SentimentKit
import XCTest

/// Reads the real IMDB archive, when `../shared/data` has it.
final class IMDBArchiveTests: XCTestCase {
  func testRealArchiveHasTheCanonicalCounts() throws {
    let path = Fixtures.shared.appendingPathComponent("data/aclImdb_v1.tar.gz").path
    guard FileManager.default.fileExists(atPath: path) else {
      throw XCTSkip("no IMDB archive at \(path)")
    }
    let corpus = try Job(progressStyle: .silent).run(IMDBCorpus(path: path))
    for split in Review.Split.allCases {
      XCTAssertEqual(corpus.summary.count(split, .pos), 12_500, "\(split) pos")
      XCTAssertEqual(corpus.summary.count(split, .neg), 12_500, "\(split) neg")
    }
    XCTAssertEqual(corpus.reviews.count, 50_000)
    XCTAssertEqual(corpus.summary.emptyCount, 0)
  }
}
