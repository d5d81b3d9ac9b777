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
  /// `train` on `archive` into `folder/name`, dropout off, always with the same seed.
  private func arguments(_ name: String, archive: String, in folder: URL) -> [String] {
    [
      "train", "--data", archive, "--epochs", "2", "--patience", "0", "--hidden", "16",
      "--embedding", "16", "--batch-size", "16", "--vocab-size", "50", "--seed", "11",
      "--dropout", "0", "--word-dropout", "0", "--input-dropout", "0", "--output-dropout", "0",
      "--weight-dropout", "0",
      "--model-dir", folder.appendingPathComponent(name).path,
      "--report", folder.appendingPathComponent("\(name).md").path,
    ]
  }

  /// Every tensor of `folder/a` and `folder/b`, by name.
  private func tensors(_ a: String, _ b: String, in folder: URL) throws
    -> [(name: String, a: [Float], b: [Float])]
  {
    let first = try Safetensors(contentsOf: folder.appendingPathComponent("\(a)/model.safetensors"))
    let second = try Safetensors(contentsOf: folder.appendingPathComponent("\(b)/model.safetensors"))
    XCTAssertEqual(first.entries.map(\.name), second.entries.map(\.name))
    return try first.entries.map { entry in
      (
        entry.name, try first.matrix(entry.name, as: Float.self).scalars,
        try second.matrix(entry.name, as: Float.self).scalars
      )
    }
  }

  func testRanksTrainTheSingleProcessWeights() throws {
    _ = try SentimentTool.url()
    _ = try SentimentTool.mpirun()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 220, into: folder)
    for (name, ranks) in [("one", nil), ("two", 2), ("two-again", 2), ("three", 3)] as [(String, Int?)] {
      let run = try SentimentTool.run(arguments(name, archive: archive, in: folder), ranks: ranks)
      XCTAssertEqual(run.status, 0, "\(name): \(run.errors)")
    }
    let saved = try Safetensors(
      contentsOf: folder.appendingPathComponent("two/training-state.safetensors"))
    let state = try JSONDecoder().decode(
      TrainingState.self, from: Data((saved.metadata["training_state"] ?? "").utf8))
    XCTAssertEqual(state.updates, 50)

    for (name, a, b) in try tensors("two", "two-again", in: folder) {
      XCTAssertEqual(a, b, "\(name): two 2-rank runs differ")
    }
    for other in ["two", "three"] {
      for (name, a, b) in try tensors(other, "one", in: folder) {
        let difference = zip(a, b).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        let size = b.reduce(0.0) { $0 + Double($1) * Double($1) }
        XCTAssertLessThanOrEqual(
          difference.squareRoot(), 1e-5 * size.squareRoot(),
          "\(name): \(other) ranks' weights differ from one process's")
      }
    }
  }
}
