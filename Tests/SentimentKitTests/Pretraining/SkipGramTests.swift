import Foundation
import SentimentKit
import XCTest

/// Skip-gram on a made-up corpus of two topics that never share a review: words of one topic
/// end up closer to each other than to the other topic's; the same seed gives the same bits;
/// the folder round-trips; starting an embedding rescales to standard deviation 1.
final class SkipGramTests: XCTestCase {
  /// Ids 2 … 6 one topic, 7 … 11 the other; 400 reviews of 12 words each.
  private func corpus() -> [[Int32]] {
    var generator = SplitMix64(seed: 4)
    return (0..<400).map { r in
      let base: Int32 = r % 2 == 0 ? 2 : 7
      return (0..<12).map { _ in base + Int32(generator.next() % 5) }
    }
  }

  private func train(seed: UInt64) throws -> SkipGram.Result {
    var config = SkipGramConfig()
    config.dimensions = 8
    config.window = 3
    config.negatives = 3
    config.epochs = 3
    config.subsampling = 0
    config.seed = seed
    return try Job(progressStyle: .silent).run(SkipGram(config: config, vocabularySize: 12), corpus())
  }

  func testTopicsSeparateAndRunsRepeat() throws {
    let result = try train(seed: 9)
    let v = result.vectors
    func cosine(_ a: Int, _ b: Int) -> Double {
      let x = v.rows(a..<a + 1).scalars.map(Double.init)
      let y = v.rows(b..<b + 1).scalars.map(Double.init)
      let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
      let norms = (x.reduce(0) { $0 + $1 * $1 } * y.reduce(0) { $0 + $1 * $1 }).squareRoot()
      return dot / norms
    }
    var within = [Double]()
    var across = [Double]()
    for a in 2..<12 {
      for b in (a + 1)..<12 {
        ((a < 7) == (b < 7) ? { within.append(cosine(a, b)) } : { across.append(cosine(a, b)) })()
      }
    }
    let meanWithin = within.reduce(0, +) / Double(within.count)
    let meanAcross = across.reduce(0, +) / Double(across.count)
    XCTAssertGreaterThan(meanWithin, meanAcross + 0.5, "within \(meanWithin), across \(meanAcross)")
    XCTAssertEqual(v.rows(0..<1).scalars, [Float](repeating: 0, count: 8), "<pad> stays zero")
    XCTAssertLessThan(result.epochLosses.last!, result.epochLosses.first!, "the loss falls")
    XCTAssertEqual(try train(seed: 9).vectors.scalars, v.scalars, "the same seed, the same bits")
    XCTAssertNotEqual(try train(seed: 10).vectors.scalars, v.scalars)
  }

  func testFolderRoundTripsAndInitialisesAnEmbedding() throws {
    let result = try train(seed: 9)
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>"] + (2..<12).map { "w\($0)" })
    var text = TextConfig()
    text.maxLength = nil
    var config = SkipGramConfig()
    config.dimensions = 8
    let vectors = WordVectors(
      vocabulary: vocabulary, vectors: result.vectors,
      config: .init(text: text, skipGram: config, epochLosses: result.epochLosses, reviews: 400, words: 4800))
    let folder = try temporaryDirectory().appendingPathComponent("vectors")
    try vectors.save(in: folder)
    let loaded = try WordVectors(contentsOf: folder)
    XCTAssertEqual(loaded.vectors.scalars, result.vectors.scalars)
    XCTAssertEqual(loaded.vocabulary.tokens, vocabulary.tokens)
    XCTAssertEqual(loaded.config, vectors.config)

    let embedding = Matrix<Float>(rows: 12, cols: 8)
    try loaded.initialise(embedding)
    let words = embedding.rows(2..<12).scalars.map(Double.init)
    let mean = words.reduce(0, +) / Double(words.count)
    let sd = (words.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(words.count)).squareRoot()
    XCTAssertEqual(sd, 1, accuracy: 1e-5)
    XCTAssertEqual(embedding.rows(0..<1).scalars, [Float](repeating: 0, count: 8))
    XCTAssertThrowsError(try loaded.initialise(Matrix<Float>(rows: 12, cols: 16))) { error in
      XCTAssertTrue("\(error)".contains("--embedding"), "\(error)")
    }
    try Data("{}".utf8).write(to: folder.appendingPathComponent("config.json"))
    XCTAssertThrowsError(try WordVectors(contentsOf: folder)) { error in
      XCTAssertTrue("\(error)".contains(folder.path) && "\(error)".contains("config.json"), "\(error)")
    }
  }
}
