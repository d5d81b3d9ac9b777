import SentimentKit
import XCTest

final class ModelConfigTests: XCTestCase {
  /// The count from sizes alone (what the loader checks before building anything) is the built
  /// model's, for every cell, option, direction, merge, readout and depth.
  func testParameterCountFromSizesIsTheBuiltModels() {
    var configs: [ModelConfig] = []
    for cell in ModelConfig.Cell.allCases {
      for bidirectional in [false, true] {
        for merge in MergeMode.allCases {
          for layers in [1, 3] {
            for (peephole, coupled) in [(false, false), (true, false), (false, true), (true, true)] {
              for readout in Readout.allCases {
                var c = ModelConfig()
                (c.cell, c.bidirectional, c.merge, c.layers, c.readout) = (cell, bidirectional, merge, layers, readout)
                (c.peephole, c.coupledGates) = (peephole, coupled)
                (c.embeddingSize, c.hiddenSize, c.vocabularySize) = (5, 3, 11)
                configs.append(c)
              }
            }
          }
        }
      }
    }
    var generator = SplitMix64(seed: 1)
    for c in configs {
      XCTAssertEqual(c.parameterCount, ModelFactory.make(c, using: &generator).parameterCount, "\(c)")
    }
  }

  func testSizesThatOverflowOrExceedTheLimitAreProblems() {
    for (hidden, layers, vocabulary) in [(1 << 62, 1, 20_002), (1_000_000, 1, 20_002), (64, 1_000_000, 20_002), (64, 1, Int.max)] {
      var c = ModelConfig()
      (c.hiddenSize, c.layers, c.vocabularySize) = (hidden, layers, vocabulary)
      XCTAssertTrue(c.problem?.contains("allowed") == true, "\(hidden), \(layers): \(String(describing: c.problem))")
    }
    var c = ModelConfig()
    c.forgetBias = .nan
    XCTAssertNotNil(c.problem)
    XCTAssertNil(ModelConfig().problem)
  }
}
