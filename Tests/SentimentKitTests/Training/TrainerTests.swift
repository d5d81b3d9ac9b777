import Foundation
import SentimentKit
import XCTest

/// The trainer's promises that need no archive: divergence stops with the epoch and batch named,
/// and the same seed gives the same run.
final class TrainerTests: XCTestCase {
  /// Sixty short sequences over a 12-id vocabulary; label = whether id 5 appears.
  private func data() -> LabelledSequences {
    var generator = SplitMix64(seed: 3)
    var sequences = [[Int32]]()
    var labels = [Int]()
    for _ in 0..<60 {
      let ids = (0..<Int.random(in: 3...9, using: &generator)).map { _ in Int32.random(in: 2..<12, using: &generator) }
      sequences.append(ids)
      labels.append(ids.contains(5) ? 1 : 0)
    }
    return LabelledSequences(sequences: sequences, labels: labels, sources: sequences.indices.map { "s\($0)" })
  }

  private func model(seed: UInt64) -> any SentimentModel {
    var config = ModelConfig()
    config.cell = .gru
    config.embeddingSize = 6
    config.hiddenSize = 5
    config.vocabularySize = 12
    var generator = SplitMix64(seed: seed)
    return ModelFactory.make(config, using: &generator)
  }

  func testNonFiniteLossStopsNamingEpochAndBatchAndKeepsTheLastCheckpoint() throws {
    let model = model(seed: 1)
    var config = TrainingConfig()
    config.epochs = 3
    config.batchSize = 20
    config.patience = nil
    let trainer = Trainer(step: TrainingStep(model: model, config: config))
    var checkpoints = [Int]()
    let all = data()
    let stage = TrainingStage(trainer: trainer) { state in
      checkpoints.append(state.epochsCompleted)
      // After epoch 1 the weights are poisoned, as a diverging run would poison them.
      model.parameters.namedTensors[0].value.fill(.nan)
    }
    XCTAssertThrowsError(try Job(progressStyle: .silent).run(stage, (all, all.subset([])))) { error in
      XCTAssertEqual(
        error as? TrainingError,
        .nonFinite(epoch: 2, batch: 1, what: "loss", checkpoint: "epoch 1"))
      XCTAssertTrue("\(error)".contains("epoch 2, batch 1"), "\(error)")
    }
    XCTAssertEqual(checkpoints, [1], "no checkpoint after the failure")
  }

  func testTheSameSeedGivesTheSameWeights() throws {
    func run() throws -> [Float] {
      let model = model(seed: 9)
      var config = TrainingConfig()
      config.epochs = 2
      config.batchSize = 8
      let all = data()
      let split = all.split(holdingOut: 0.2, seed: 4)
      let trainer = Trainer(step: TrainingStep(model: model, config: config))
      _ = try Job(progressStyle: .silent).run(
        TrainingStage(trainer: trainer) { _ in }, (split.kept, split.heldOut))
      return model.parameters.namedTensors.flatMap { $0.value.scalars }
    }
    let first = try run()
    XCTAssertEqual(first, try run())
    XCTAssertNotEqual(first, model(seed: 9).parameters.namedTensors.flatMap { $0.value.scalars }, "training changed nothing")
  }
}
