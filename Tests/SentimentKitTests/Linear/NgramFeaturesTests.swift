import Foundation
import SentimentKit
import XCTest

/// The n-gram vocabulary, its file, and the two feature weightings, on texts small enough to
/// count by hand.
final class NgramFeaturesTests: XCTestCase {
  let texts = ["Good movie, good cast.", "A good movie", "bad movie", "bad, bad film"]

  /// Document frequencies: good 2, movie 3, bad 2, "good movie" 2, "bad movie" 1, … With
  /// minCount 2 and bigrams: good, movie, bad, "good movie" (each in ≥ 2 reviews).
  func testKeepsTheNgramsOfEnoughReviews() throws {
    let vocabulary = try NgramVocabulary.build(texts: texts, tokenizer: Tokenizer(), maxOrder: 2, minCount: 2)
    let ngrams = Set((0..<vocabulary.count).map(vocabulary.text(ofColumn:)))
    XCTAssertEqual(ngrams, ["good", "movie", "bad", "good movie"])
    // "good good movie xyz": good 2, movie 1, "good movie" 1; "good good" and the unknown word's
    // n-grams have no column.
    let row = try XCTUnwrap(vocabulary.counts(of: "Good good movie xyz"))
    let counts = Dictionary(uniqueKeysWithValues: row.map { (vocabulary.text(ofColumn: Int($0.0)), $0.1) })
    XCTAssertEqual(counts, ["good": 2, "movie": 1, "good movie": 1])
    XCTAssertEqual(row.map(\.0), row.map(\.0).sorted(), "columns ascend")
    XCTAssertNil(vocabulary.counts(of: "  ... !"), "no tokens")
    XCTAssertEqual(vocabulary.counts(of: "xyz")?.count, 0, "tokens but no known n-gram")
  }

  /// An unknown word breaks an n-gram: "good xyz movie" has no "good movie" (nor "good xyz").
  func testUnknownWordsBreakNgrams() throws {
    let vocabulary = try NgramVocabulary.build(texts: ["good movie"], tokenizer: Tokenizer(), maxOrder: 3, minCount: 1)
    let row = try XCTUnwrap(vocabulary.counts(of: "good xyz movie"))
    XCTAssertEqual(Set(row.map { vocabulary.text(ofColumn: Int($0.0)) }), ["good", "movie"])
  }

  /// Columns depend on the texts, not on their order; the file reads back to the same counts.
  func testOrderFreeAndRoundTripsThroughItsFile() throws {
    let a = try NgramVocabulary.build(texts: texts, tokenizer: Tokenizer(), maxOrder: 3, minCount: 1)
    let b = try NgramVocabulary.build(texts: texts.reversed(), tokenizer: Tokenizer(), maxOrder: 3, minCount: 1)
    XCTAssertEqual((0..<a.count).map(a.text(ofColumn:)), (0..<b.count).map(b.text(ofColumn:)))
    let file = try temporaryDirectory().appendingPathComponent("ngrams.txt").path
    try a.write(to: file)
    let read = try NgramVocabulary(contentsOf: file, maxOrder: 3, tokenizer: Tokenizer())
    XCTAssertEqual(read.count, a.count)
    for text in texts + ["bad good movie film"] {
      let (x, y) = (try XCTUnwrap(a.counts(of: text)), try XCTUnwrap(read.counts(of: text)))
      XCTAssertEqual(x.map(\.0), y.map(\.0), text)
      XCTAssertEqual(x.map(\.1), y.map(\.1), text)
    }
  }

  func testBadNgramFilesNameTheLine() throws {
    let directory = try TemporaryDirectory()
    for (content, message) in [
      ("good\nbad\ngood\n", "ngrams.txt:3: duplicate n-gram \"good\" (first on line 1)"),
      ("good\na b c d\n", "ngrams.txt:2: expected 1 to 3 words"),
      ("good\n\nbad\n", "ngrams.txt:2: expected 1 to 3 words"),
      ("good  movie\n", "ngrams.txt:1: expected 1 to 3 words"),
    ] {
      let file = try directory.write(Array(content.utf8), to: "ngrams.txt")
      XCTAssertThrowsError(try NgramVocabulary(contentsOf: file, maxOrder: 3, tokenizer: Tokenizer())) { error in
        XCTAssertTrue("\(error)".contains(message), "\(error)")
      }
    }
  }

  /// Rows {a}, {a, b} pos and {b} neg, α = 1: p = (3, 2), ‖p‖₁ = 5; q = (1, 2), ‖q‖₁ = 3;
  /// r = (ln(0.6/0.3333), ln(0.4/0.6667)) = (ln 1.8, ln 0.6). NBSVM features are r at each
  /// present column, whatever the count.
  func testLogCountRatio() {
    let counts = SparseRows([[(0, 2)], [(0, 1), (1, 3)], [(1, 1)]], columns: 2)
    let r = FeatureWeighting.nbsvm.scale(counts: counts, labels: [1, 1, 0], alpha: 1)
    XCTAssertEqual(Double(r[0]), log(1.8), accuracy: 1e-6)
    XCTAssertEqual(Double(r[1]), log(0.6), accuracy: 1e-6)
    let x = FeatureWeighting.nbsvm.features(of: [(0, 5), (1, 1)], scale: r)
    XCTAssertEqual(x.map(\.0), [0, 1])
    XCTAssertEqual(x.map(\.1), r)
  }

  /// Three rows, df = (2, 2): idf = ln(4/3) + 1 for both; a row of counts (1, e − 1 + 1 = e)
  /// weighs (1 + ln 1, 1 + ln e) · idf = (1, 2) · idf, normalised: (1, 2)/√5.
  func testTfidf() {
    let counts = SparseRows([[(0, 2)], [(0, 1), (1, 3)], [(1, 1)]], columns: 2)
    let idf = FeatureWeighting.tfidf.scale(counts: counts, labels: [1, 1, 0], alpha: 1)
    XCTAssertEqual(Double(idf[0]), log(4.0 / 3) + 1, accuracy: 1e-6)
    XCTAssertEqual(idf[0], idf[1])
    let x = FeatureWeighting.tfidf.features(of: [(0, 1), (1, Float(M_E))], scale: idf)
    XCTAssertEqual(Double(x[0].1), 1 / sqrt(5), accuracy: 1e-6)
    XCTAssertEqual(Double(x[1].1), 2 / sqrt(5), accuracy: 1e-6)
  }
}
