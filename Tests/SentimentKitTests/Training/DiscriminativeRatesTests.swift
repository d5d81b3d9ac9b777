import SentimentKit
import XCTest

/// Discriminative learning rates and gradual unfreezing: the depth of each tensor group and its
/// multiplier; a frozen tensor does not move in a step while the head does; with multipliers of
/// 1 an update gives the same bits as without any; a lower rate moves a tensor less.
final class DiscriminativeRatesTests: XCTestCase {
  private let names = [
    "embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0_reverse", "lstm.bias_ih_l1",
    "lstm.weight_hh_l1_reverse", "head.weight", "head.bias",
  ]

  func testRatesFollowTheDepthOfEachGroup() throws {
    var config = TrainingConfig()
    XCTAssertNil(config.tensorRates(names: names, layers: 2, epoch: 1), "off: one rate")
    config.discriminativeFactor = 2
    // depths: embedding 3, layer 0 → 2, layer 1 → 1, head 0
    XCTAssertEqual(config.tensorRates(names: names, layers: 2, epoch: 1), [0.125, 0.25, 0.25, 0.5, 0.5, 1, 1])
    config.gradualUnfreezing = true
    XCTAssertEqual(config.tensorRates(names: names, layers: 2, epoch: 1), [0, 0, 0, 0, 0, 1, 1])
    XCTAssertEqual(config.tensorRates(names: names, layers: 2, epoch: 2), [0, 0, 0, 0.5, 0.5, 1, 1])
    XCTAssertEqual(config.tensorRates(names: names, layers: 2, epoch: 4), [0.125, 0.25, 0.25, 0.5, 0.5, 1, 1])
    config.discriminativeFactor = nil
    XCTAssertEqual(config.tensorRates(names: names, layers: 2, epoch: 3), [0, 1, 1, 1, 1, 1, 1])
    config.discriminativeFactor = 0.5
    XCTAssertNotNil(config.problem, "a factor below 1 is refused")
  }

  private func step(_ configure: (inout TrainingConfig) -> Void, epoch: Int) throws -> (before: [[Float]], after: [[Float]], names: [String]) {
    let model = TestModel(bidirectional: true).model
    var config = TrainingConfig()
    config.optimizer = .adamw
    config.weightDecay = 0.1
    configure(&config)
    let step = TrainingStep(model: model, config: config)
    step.epoch = epoch
    let before = model.parameters.namedTensors.map(\.value.scalars)
    var generator = SplitMix64(seed: 5)
    try step.run(sequences: [[2, 3, 4, 5], [6, 7, 2]], labels: [1, 0], using: &generator)
    return (before, model.parameters.namedTensors.map(\.value.scalars), model.parameters.namedTensors.map(\.name))
  }

  func testFrozenTensorsStayAndUnitRatesChangeNothing() throws {
    let frozen = try step({ $0.gradualUnfreezing = true }, epoch: 1)
    for (name, (a, b)) in zip(frozen.names, zip(frozen.before, frozen.after)) {
      if name.hasPrefix("head.") {
        XCTAssertNotEqual(a, b, "\(name) trains in epoch 1")
      } else {
        XCTAssertEqual(a, b, "\(name) is frozen in epoch 1, weight decay included")
      }
    }
    let plain = try step({ _ in }, epoch: 1)
    let unit = try step({ $0.discriminativeFactor = 1 }, epoch: 1)
    XCTAssertEqual(plain.after, unit.after, "multipliers of 1 are the plain update, bit for bit")
    let slow = try step({ $0.discriminativeFactor = 10 }, epoch: 1)
    for (i, name) in plain.names.enumerated() where name.hasPrefix("embedding.") {
      func moved(_ run: (before: [[Float]], after: [[Float]], names: [String])) -> Float {
        zip(run.before[i], run.after[i]).reduce(0) { $0 + abs($1.0 - $1.1) }
      }
      XCTAssertLessThan(moved(slow), moved(plain) / 5, "the embedding learns 100× slower")
    }
  }
}
