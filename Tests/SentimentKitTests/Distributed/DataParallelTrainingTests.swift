import Foundation
import SentimentKit
import XCTest

/// `mpirun -np N sentiment train` trains the model one process trains with the same global
/// batch: 2 and 3 ranks on this machine, 50 updates (396 training reviews in batches of 16, two
/// epochs) of the default BiLSTM with concat pooling and AdamW on a small synthetic archive.
///
/// Dropout is off: a review's masks are drawn from its rank's generator, so with dropout N ranks
/// train an equally good model but not the same one.
///
/// Tolerance: per tensor, ‖a − b‖₂ ≤ 1e-5 · ‖b‖₂. The ranks sum the batch's gradient in another
/// order than one process (each rank's share, then the shares in rank order), about 1e-7 relative
/// per update; Adam divides by √v̂, so an entry whose gradient hovers near zero may differ by
/// 1e-3 relative after 50 updates while its tensor differs by 1e-7 (observed: 8e-8 with 2 ranks,
/// 1.5e-7 with 3). Two runs with the same N take the same sums and must match bit for bit.
final class DataParallelTrainingTests: XCTestCase {
  /// `train` on `archive` into `folder/name`, dropout off, a small BiLSTM; the resume test's too.
  static func arguments(
    _ name: String, archive: String, in folder: URL, epochs: Int = 2, batchSize: Int = 16,
    seed: Int = 11
  ) -> [String] {
    [
      "train", "--data", archive, "--epochs", "\(epochs)", "--patience", "0", "--hidden", "16",
      "--embedding", "16", "--batch-size", "\(batchSize)", "--vocab-size", "50", "--seed",
      "\(seed)",
      "--dropout", "0", "--word-dropout", "0", "--input-dropout", "0", "--output-dropout", "0",
      "--weight-dropout", "0",
      "--model-dir", folder.appendingPathComponent(name).path,
      "--report", folder.appendingPathComponent("\(name).md").path,
    ]
  }

  func testRanksTrainTheSingleProcessWeights() throws {
    _ = try SentimentTool.url()
    _ = try SentimentTool.mpirun()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 220, into: folder)
    for (name, ranks) in [("one", nil), ("two", 2), ("two-again", 2), ("three", 3)]
      as [(String, Int?)]
    {
      let run = try SentimentTool.run(
        Self.arguments(name, archive: archive, in: folder), ranks: ranks)
      XCTAssertEqual(run.status, 0, "\(name): \(run.errors)")
    }
    let saved = try Safetensors(
      contentsOf: folder.appendingPathComponent("two/training-state.safetensors"))
    let state = try JSONDecoder().decode(
      TrainingState.self, from: Data((saved.metadata["training_state"] ?? "").utf8))
    XCTAssertEqual(state.updates, 50)

    let model = { (name: String) in folder.appendingPathComponent(name) }
    try assertWeights(
      of: model("two"), match: model("two-again"), within: 0, "two 2-rank runs differ")
    for other in ["two", "three"] {
      try assertWeights(
        of: model(other), match: model("one"), within: 1e-5,
        "\(other) ranks differ from one process")
    }
  }
}
