import SentimentKit
import XCTest

final class IMDBCorpusTests: XCTestCase {
  private var directory: TemporaryDirectory!

  override func setUpWithError() throws {
    directory = try TemporaryDirectory()
  }

  // A miniature aclImdb: one review per split and folder, plus the files that are not reviews.
  private let files: [(path: String, bytes: [UInt8])] = [
    ("aclImdb/README", Array("Large Movie Review Dataset".utf8)),
    ("aclImdb/imdb.vocab", Array("the\nand\n".utf8)),
    ("aclImdb/train/pos/10_8.txt", Array("Great<br />film.".utf8)),
    ("aclImdb/train/neg/11_2.txt", Array("Dull.".utf8)),
    ("aclImdb/train/neg/3_1.txt", Array("Awful.".utf8)),
    ("aclImdb/train/unsup/12_0.txt", Array("Seen it.".utf8)),
    ("aclImdb/train/urls_pos.txt", Array("http://www.imdb.com/title/tt0000001/".utf8)),
    ("aclImdb/test/pos/13_10.txt", Array("Loved it!".utf8)),
    ("aclImdb/test/neg/14_4.txt", Array("Meh.".utf8)),
  ]

  private func writeArchive(_ files: [(path: String, bytes: [UInt8])]) throws -> String {
    var archive = ArchiveBuilder()
    archive.directory("aclImdb/")
    for file in files { archive.file(file.path, file.bytes) }
    archive.end()
    return try directory.write(ArchiveBuilder.gzip(archive.tar), to: "aclImdb.tar.gz")
  }

  private func read(_ path: String, unlabelled: Bool = false) throws -> Corpus {
    try Job(progressStyle: .silent).run(IMDBCorpus(path: path, includeUnlabelled: unlabelled))
  }

  func testReadsLabelledReviewsInAFixedOrder() throws {
    let corpus = try read(writeArchive(files))
    XCTAssertEqual(
      corpus.reviews.map(\.source),
      [
        "aclImdb/train/neg/3_1.txt", "aclImdb/train/neg/11_2.txt", "aclImdb/train/pos/10_8.txt",
        "aclImdb/test/neg/14_4.txt", "aclImdb/test/pos/13_10.txt",
      ])
    XCTAssertEqual(
      corpus.reviews[2],
      Review(
        split: .train, label: .pos, id: 10, rating: 8, text: "Great<br />film.",
        source: "aclImdb/train/pos/10_8.txt"))
    let summary = corpus.summary
    XCTAssertEqual(summary.count(.train, .neg), 2)
    XCTAssertEqual(summary.count(.train, .pos), 1)
    XCTAssertEqual(summary.count(.test, .pos), 1)
    XCTAssertEqual(summary.count(.train, nil), 0)
    XCTAssertEqual(summary.reviewCount, 5)
    XCTAssertEqual(corpus.labelled(.test).map(\.id), [14, 13])
  }

  func testUnlabelledReviewsOnlyWhenAsked() throws {
    let corpus = try read(writeArchive(files), unlabelled: true)
    XCTAssertEqual(corpus.reviews.count, 6)
    XCTAssertEqual(corpus.reviews[3].source, "aclImdb/train/unsup/12_0.txt")
    XCTAssertNil(corpus.reviews[3].label)
    XCTAssertEqual(corpus.summary.count(.train, nil), 1)
    XCTAssertEqual(corpus.labelled().count, 5)
  }

  func testRecordsTheStage() throws {
    let job = Job(progressStyle: .silent)
    _ = try job.run(IMDBCorpus(path: writeArchive(files)))
    XCTAssertEqual(job.records.map(\.name), ["read corpus"])
    XCTAssertEqual(job.records.first?.items, 5)
  }

  func testRepairsInvalidUTF8AndCountsIt() throws {
    let broken = [UInt8(ascii: "H"), 0xFF, UInt8(ascii: "i"), 0xC3]
    let corpus = try read(writeArchive(files + [("aclImdb/test/pos/20_9.txt", broken)]))
    let review = corpus.reviews.first { $0.id == 20 }
    XCTAssertEqual(review?.text, "H\u{FFFD}i\u{FFFD}")
    XCTAssertEqual(corpus.summary.repairedCount, 1)
    XCTAssertEqual(corpus.summary.repairedExamples, ["aclImdb/test/pos/20_9.txt"])
  }

  func testKeepsAndCountsEmptyReviews() throws {
    let empty: [(path: String, bytes: [UInt8])] = [
      ("aclImdb/train/pos/30_7.txt", []), ("aclImdb/test/neg/31_1.txt", Array(" \n\t ".utf8)),
    ]
    let corpus = try read(writeArchive(files + empty))
    XCTAssertEqual(corpus.reviews.count, 7)
    XCTAssertEqual(corpus.summary.emptyCount, 2)
    XCTAssertEqual(corpus.summary.emptyExamples, empty.map(\.path))
  }

  func testBadReviewFileNameIsAnError() throws {
    let path = try writeArchive(files + [("aclImdb/train/pos/notes_8.txt", [])])
    XCTAssertThrowsError(try read(path)) { error in
      XCTAssertEqual(error as? CorpusError, .badFileName("aclImdb/train/pos/notes_8.txt"))
      XCTAssertEqual(
        "\(error)",
        "aclImdb/train/pos/notes_8.txt: a review file must be named ID_RATING.txt (as 123_8.txt)")
    }
  }

  func testAnEmptyArchiveIsAnEmptyCorpus() throws {
    var archive = ArchiveBuilder()
    archive.end()
    let path = try directory.write(ArchiveBuilder.gzip(archive.tar), to: "empty.tar.gz")
    let corpus = try read(path)
    XCTAssertEqual(corpus.reviews, [])
    XCTAssertEqual(corpus.summary, CorpusSummary())
  }

  func testArchiveErrorsPassThrough() throws {
    var gzip = try [UInt8](Data(contentsOf: URL(fileURLWithPath: writeArchive(files))))
    gzip[gzip.count - 8] ^= 0xFF
    let path = try directory.write(gzip, to: "crc.tar.gz")
    XCTAssertThrowsError(try read(path)) { error in
      XCTAssertEqual((error as? ArchiveError)?.kind, .checksumMismatch("incorrect data check"))
      XCTAssertTrue("\(error)".hasPrefix("\(path): gzip trailer mismatch"))
    }
  }

  func testMissingPath() {
    XCTAssertThrowsError(try read("/nonexistent/aclImdb")) { error in
      XCTAssertEqual(error as? CorpusError, .notFound("/nonexistent/aclImdb"))
    }
  }

  func testUnpackedDirectoryReadsLikeTheArchive() throws {
    let fromArchive = try read(writeArchive(files), unlabelled: true)
    for file in files { try directory.write(file.bytes, to: "unpacked/" + file.path) }
    let root = directory.path + "/unpacked/aclImdb"
    let fromDirectory = try read(root, unlabelled: true)
    XCTAssertEqual(fromDirectory.summary, fromArchive.summary)
    XCTAssertEqual(fromDirectory.reviews.map(\.text), fromArchive.reviews.map(\.text))
    XCTAssertEqual(fromDirectory.reviews.map(\.id), fromArchive.reviews.map(\.id))
    XCTAssertEqual(
      fromDirectory.reviews.map(\.source),
      fromArchive.reviews.map { root + "/" + $0.source.dropFirst("aclImdb/".count) })
  }
}
