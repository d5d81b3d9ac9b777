import Foundation
import SentimentKit
import XCTest

/// IMDB corpora that are not what they seem: symbolic links (as git-annex and DVC store files),
/// oversized reviews, missing labels. Read, or refused by name, never skipped in silence.
final class HostileCorpusTests: XCTestCase {
  private func read(_ path: String) throws -> Corpus {
    try Job(progressStyle: .silent).run(IMDBCorpus(path: path))
  }

  /// A folder whose review files are symbolic links into a store: every one is read.
  func testSymlinkedReviewFilesAreRead() throws {
    let root = try temporaryDirectory()
    let store = root.appendingPathComponent("store")
    try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
    for (index, (split, label)) in [("train", "pos"), ("train", "neg"), ("test", "pos"), ("test", "neg")].enumerated() {
      let folder = root.appendingPathComponent("aclImdb/\(split)/\(label)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let object = store.appendingPathComponent("object\(index)")
      try Data("review \(index)".utf8).write(to: object)
      try FileManager.default.createSymbolicLink(
        at: folder.appendingPathComponent("\(index)_\(label == "pos" ? 9 : 2).txt"), withDestinationURL: object)
    }
    let corpus = try read(root.path)
    XCTAssertEqual(corpus.reviews.count, 4)
    XCTAssertNoThrow(try corpus.summary.requireEveryLabel(of: root.path))
  }

  /// A review file over `Review.byteLimit` (sparse), in a folder or an archive: an error naming it.
  func testAnOversizedReviewIsAnError() throws {
    let root = try temporaryDirectory()
    let folder = root.appendingPathComponent("aclImdb/train/pos")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("1_9.txt").path
    XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: nil))
    XCTAssertEqual(truncate(file, off_t(Review.byteLimit + 1)), 0)
    XCTAssertThrowsError(try read(root.path)) { error in
      XCTAssertEqual("\(error)", "\(file): cannot read: larger than 16 MB")
    }
    var archive = ArchiveBuilder()
    archive.header(name: "aclImdb/train/pos/1_9.txt", size: Review.byteLimit + 1, typeflag: "0")
    let path = root.appendingPathComponent("big.tar.gz").path
    try Data(ArchiveBuilder.gzip(archive.tar)).write(to: URL(fileURLWithPath: path))
    XCTAssertThrowsError(try read(path)) { error in
      XCTAssertEqual((error as? ArchiveError)?.kind, .entryTooLarge(size: Review.byteLimit + 1, limit: Review.byteLimit))
      XCTAssertEqual((error as? ArchiveError)?.entry, "aclImdb/train/pos/1_9.txt")
    }
  }

  func testMissingSplitsAndLabelsAreNamed() throws {
    let root = try temporaryDirectory()
    let folder = root.appendingPathComponent("aclImdb/train/pos")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("fine".utf8).write(to: folder.appendingPathComponent("1_9.txt"))
    let corpus = try read(root.path)
    XCTAssertThrowsError(try corpus.summary.requireEveryLabel(of: root.path)) { error in
      XCTAssertEqual(
        error as? CorpusError, .incomplete(root.path, missing: ["train/neg", "test/neg", "test/pos"]))
    }
  }
}
