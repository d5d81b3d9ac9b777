import Foundation
import SentimentKit
import XCTest

/// `mpirun -np N sentiment pretrain --objective language-model` trains the language model one
/// process trains: 2 ranks twice and 3 ranks against one process, a small bidirectional LSTM
/// over a synthetic archive, two passes (a few dozen updates). The tolerance is the training
/// test's (`DataParallelTrainingTests`): per tensor ‖a − b‖₂ ≤ 1e-5 · ‖b‖₂, and bit for bit
/// between two runs on the same number of ranks. The held-out perplexity, measured on the
/// ranks' shares and summed, agrees too.
final class DataParallelPretrainingTests: XCTestCase {
  func testRanksPretrainTheSingleProcessLanguageModel() throws {
    _ = try SentimentTool.url()
    _ = try SentimentTool.mpirun()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 120, into: folder)
    for (name, ranks) in [("one", nil), ("two", 2), ("two-again", 2), ("three", 3)] as [(String, Int?)] {
      let run = try SentimentTool.run(
        [
          "pretrain", "--objective", "language-model", "--data", archive, "--no-unlabelled",
          "--hidden", "8", "--embedding", "8", "--vocab-size", "40", "--candidates", "16",
          "--batch-tokens", "512", "--chunk-length", "16", "--held-out", "20", "--epochs", "2",
          "--output", folder.appendingPathComponent(name).path,
          "--report", folder.appendingPathComponent("\(name).md").path,
        ], ranks: ranks)
      XCTAssertEqual(run.status, 0, "\(name): \(run.errors)")
    }
    let model = { (name: String) in folder.appendingPathComponent(name) }
    try assertWeights(of: model("two"), match: model("two-again"), within: 0, "two 2-rank runs differ")
    for other in ["two", "three"] {
      try assertWeights(of: model(other), match: model("one"), within: 1e-5, "\(other) ranks differ from one process")
    }
    let perplexity = { (name: String) throws -> Double in
      let folder = try LanguageModelFolder(contentsOf: model(name))
      return try XCTUnwrap(folder.config.epochs.last?.heldOutPerplexity)
    }
    XCTAssertEqual(try perplexity("two"), try perplexity("one"), accuracy: 1e-4 * (try perplexity("one")))
    XCTAssertGreaterThan(try LanguageModelFolder(contentsOf: model("one")).config.epochs.count, 1)
  }
}
