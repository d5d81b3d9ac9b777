import Foundation
import SentimentBench
import XCTest

/// The bench's comparison holds each model to each peer's fastest setting, training and
/// inference picked apart, and reads GFLOP/s against both ceilings.
final class ModelSectionsTests: XCTestCase {
  private func peer(_ setting: String, train: Double, infer: Double) throws -> PeerResult {
    let json = """
      {"framework": "pytorch", "version": "2", "model": "lstm", "setting": "\(setting)",
       "train_tokens_per_s": \(train), "infer_reviews_per_s": \(infer)}
      """
    return try JSONDecoder().decode(PeerResult.self, from: Data(json.utf8))
  }

  private func ours(train: Double, infer: Double, gflops: Double) throws -> ModelFigures {
    let json = """
      {"name": "lstm", "train_tokens_per_s": \(train), "train_reviews": 6400, "train_seconds": 1,
       "seconds_per_epoch": 4, "epoch_share": 0.25, "last_loss": 0.5,
       "infer_reviews_per_s": \(infer), "infer_reviews": 25000, "infer_seconds": 2,
       "infer_accuracy": 0.5, "gflops": \(gflops), "infer_gflops": 100}
      """
    return try JSONDecoder().decode(ModelFigures.self, from: Data(json.utf8))
  }

  private func verdict(_ name: String, in sections: [BenchSection]) -> BenchSection.Row? {
    sections.flatMap(\.rows).first { $0.name == name }
  }

  func testRatiosAreAgainstEachPeersFastestSetting() throws {
    // pre trains faster, packed infers faster: each ratio must use the faster of the two.
    let peers = [try peer("pre", train: 300_000, infer: 2_000), try peer("packed", train: 50_000, infer: 4_000)]
    let sections = ModelSections(
      models: [try ours(train: 900_000, infer: 10_000, gflops: 180)], sgemmGflops: 200,
      fastestSgemmGflops: 400, peers: peers, peerNote: "", trainBatches: 100, bucketWindow: 1
    ).sections
    let train = try XCTUnwrap(verdict("lstm training ÷ PyTorch's fastest", in: sections))
    XCTAssertEqual(train.value, 3, accuracy: 1e-12)
    XCTAssertEqual(train.met, true)
    let infer = try XCTUnwrap(verdict("lstm inference ÷ PyTorch's fastest", in: sections))
    XCTAssertEqual(infer.value, 2.5, accuracy: 1e-12)
    XCTAssertEqual(infer.met, false)
    let share = try XCTUnwrap(verdict("lstm training GFLOP/s ÷ sgemm", in: sections))
    XCTAssertEqual(share.value, 90, accuracy: 1e-12)
    XCTAssertEqual(share.met, true)
    let fastest = try XCTUnwrap(verdict("lstm training GFLOP/s ÷ fastest sgemm", in: sections))
    XCTAssertEqual(fastest.value, 45, accuracy: 1e-12)
    XCTAssertEqual(fastest.met, false)
    let table = try XCTUnwrap(sections.last?.table?.rows.first)
    XCTAssertEqual(table[2], "300,000 (pre)")
    XCTAssertEqual(table[7], "4,000 (packed)")
  }

  func testNoPeersNoComparison() throws {
    let sections = ModelSections(
      models: [try ours(train: 1, infer: 1, gflops: 1)], sgemmGflops: 2, fastestSgemmGflops: 2,
      peers: [], peerNote: "none", trainBatches: 0, bucketWindow: 1
    ).sections
    XCTAssertEqual(sections.count, 1)
    XCTAssertNil(verdict("lstm training GFLOP/s ÷ fastest sgemm", in: sections))
  }
}
