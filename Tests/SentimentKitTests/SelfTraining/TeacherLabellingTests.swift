import Foundation
import SentimentKit
import XCTest

/// The teacher's labelling: which unlabelled reviews are kept, with which label, and what the
/// counts say of the others.
final class TeacherLabellingTests: XCTestCase {
  /// A teacher of three classes whose probabilities are looked up by text; "" has no words.
  struct LookupTeacher: ReviewClassifier {
    let table: [String: [Double]]
    var kind: ModelKind { .recurrent }
    var labels: [String] { ["neg", "neutral", "pos"] }
    var displayName: String { "lookup" }
    var parameterCount: Int { 0 }
    var settings: [(String, String)] { [] }
    var decisionThreshold: Double { 0.5 }
    var tokenizer: Tokenizer { Tokenizer() }
    var sample: TrainingSample { TrainingSample(limit: nil, seed: 42, validationFraction: 0.1) }
    func classProbabilities(ofTexts texts: [String]) -> [[Double]?] { texts.map { table[$0] } }
    func heldOutTwin(train: LabelledTexts, kept: [Int], job: Job) throws -> any ReviewClassifier { self }
  }

  /// Kept ⇔ max_k p_k ≥ 0.8 (the boundary itself counts), labelled argmax_k p_k, in input order
  /// across chunks; the rest counted as unsure or wordless.
  func testKeepsTheSureReviewsWithTheirMostProbableClass() throws {
    let table: [String: [Double]] = [
      "sure pos": [0.05, 0.05, 0.9], "sure neg": [0.8, 0.1, 0.1], "unsure": [0.4, 0.3, 0.3],
      "sure neutral": [0.0, 0.85, 0.15], "almost": [0.1, 0.1, 0.7999],
    ]
    let texts = ["sure pos", "unsure", "", "sure neg", "almost", "sure neutral"]
    // Enough reviews for several chunks: the pattern repeated, each with its own source.
    let count = TeacherLabelling.chunkSize * 2 + 5
    let reviews = (0..<count).map { UnlabelledReview(source: "r\($0)", text: texts[$0 % texts.count]) }
    let stage = TeacherLabelling(teacher: LookupTeacher(table: table), minConfidence: 0.8)
    let labels = try Job(progressStyle: .silent).run(stage, reviews)

    let expected = reviews.compactMap { review -> (String, Int, Double)? in
      switch review.text {
      case "sure pos": return (review.source, 2, 0.9)
      case "sure neg": return (review.source, 0, 0.8)
      case "sure neutral": return (review.source, 1, 0.85)
      default: return nil
      }
    }
    XCTAssertEqual(labels.reviews.map(\.source), expected.map(\.0))
    XCTAssertEqual(labels.labels, expected.map(\.1))
    XCTAssertEqual(labels.confidences, expected.map(\.2))
    XCTAssertEqual(labels.probabilities, labels.reviews.map { table[$0.text]! }, "the teacher's whole distribution")
    XCTAssertEqual(labels.read, count)
    XCTAssertEqual(labels.noWords, reviews.filter { $0.text.isEmpty }.count)
    XCTAssertEqual(labels.unsure, reviews.filter { $0.text == "unsure" || $0.text == "almost" }.count)
    XCTAssertEqual(labels.count + labels.noWords + labels.unsure, count, "every review accounted for")
    XCTAssertEqual(labels.classCounts, [0, 1, 2].map { k in expected.filter { $0.1 == k }.count })

    let everything = try Job(progressStyle: .silent).run(
      TeacherLabelling(teacher: LookupTeacher(table: table), minConfidence: 0), reviews)
    XCTAssertEqual(everything.count, count - labels.noWords, "confidence 0 keeps every review with words")
  }
}
