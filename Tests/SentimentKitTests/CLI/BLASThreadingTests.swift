import Foundation
import SentimentKit
import XCTest

/// The same training run gives the same bits whatever OpenBLAS's threading environment says: the
/// library holds OpenBLAS to one thread and splits large products itself by their shape (see
/// `BLAS`). The model is large enough that its products are cut into blocks.
final class BLASThreadingTests: XCTestCase {
  func testTrainingGivesIdenticalWeightsUnderEveryThreadSetting() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 160, into: folder)
    let settings: [(name: String, threads: String?)] = [("unset", nil), ("one", "1"), ("two", "2"), ("three", "3")]
    for bidirectional in [true, false] {
      var weights: [(setting: String, bytes: Data)] = []
      for setting in settings {
        let name = "\(setting.name)-\(bidirectional ? "bi" : "uni")"
        let run = try SentimentTool.run(
          [
            "train", "--data", archive, "--epochs", "1", "--hidden", "64", "--embedding", "64",
            "--batch-size", "64", "--vocab-size", "50", "--seed", "3",
            "--model-dir", folder.appendingPathComponent(name).path,
            "--report", folder.appendingPathComponent("\(name).md").path,
          ] + (bidirectional ? [] : ["--no-bidirectional"]),
          environment: ["OPENBLAS_NUM_THREADS": setting.threads, "OMP_NUM_THREADS": setting.threads])
        XCTAssertEqual(run.status, 0, run.errors)
        let bytes = try Data(contentsOf: folder.appendingPathComponent("\(name)/model.safetensors"))
        weights.append((setting.name, bytes))
      }
      for other in weights.dropFirst() {
        XCTAssertEqual(
          other.bytes, weights[0].bytes,
          "model.safetensors with OPENBLAS_NUM_THREADS \(other.setting) differs from unset"
            + (bidirectional ? " (bidirectional)" : " (unidirectional)"))
      }
    }
  }
}
