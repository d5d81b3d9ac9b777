import SentimentKit
import XCTest

/// Finite-difference checks in Double (ε and tolerance in `GradientCheck`) of the encoders built
/// from cells, through the `SequenceEncoder` interface: every parameter and the input, for
/// L = Σ out ⊙ R + Σ final ⊙ S with fixed random R, S. B 3, T 7, I 5, H 4, lengths 5, 7, 2
/// (unsorted: the input goes in batch-first, in the caller's order).
final class EncoderGradientTests: XCTestCase {
  private let lengths = [5, 7, 2]

  func testBidirectionalInEveryMergeMode() {
    for merge in MergeMode.allCases {
      var generator = SplitMix64(seed: 7)
      // Different cells in the two directions: the reverse one need not be the forward's twin.
      let layer = Bidirectional(
        forward: LSTMCell<Double>(
          inputSize: 5, hiddenSize: 4, options: .peephole, using: &generator),
        reverse: GRUCell<Double>(
          inputSize: 5, hiddenSize: 4, variant: .resetBefore, using: &generator),
        merge: merge)
      check(layer, "bidirectional \(merge)", using: &generator)
    }
  }

  func testTwoStackedBidirectionalLSTMLayers() {
    var generator = SplitMix64(seed: 8)
    func layer(_ inputSize: Int) -> Bidirectional<LSTMCell<Double>, LSTMCell<Double>> {
      Bidirectional(
        forward: LSTMCell(inputSize: inputSize, hiddenSize: 4, using: &generator),
        reverse: LSTMCell(inputSize: inputSize, hiddenSize: 4, using: &generator))
    }
    let stack = StackedEncoder([layer(5), layer(8)])
    check(stack, "stacked bidirectional LSTM", using: &generator)
  }

  func testTwoStackedGRULayers() {
    var generator = SplitMix64(seed: 9)
    let stack = StackedEncoder([
      Recurrent(cell: GRUCell<Double>(inputSize: 5, hiddenSize: 4, using: &generator)),
      Recurrent(cell: GRUCell<Double>(inputSize: 4, hiddenSize: 4, using: &generator)),
    ])
    check(stack, "stacked GRU", using: &generator)
  }

  func testSequencePoolingInEveryMode() {
    for mode in SequencePooling.Mode.allCases {
      var generator = SplitMix64(seed: 10)
      let pooling = SequencePooling(mode)
      // Pools a random packed "encoder output" x of 4 features: L = Σ pooled ⊙ S.
      let probe = ProbeBatch(
        lengths: lengths, inputSize: 4, outputSize: 4, finalSize: 4, using: &generator)
      let loss = { pooling.forward(probe.packedX, layout: probe.layout).pooled.dot(probe.s) }
      let cache = pooling.forward(probe.packedX, layout: probe.layout).cache
      let dx = pooling.backward(probe.s, cache: cache)
      let entry = GradientCheck.Entry(
        name: "x", value: probe.x, gradient: probe.unpack(inputGradient: dx))
      GradientCheck.check([entry], "pooling \(mode)", loss: loss)
    }
  }

  private func check(
    _ encoder: some SequenceEncoder<Double>, _ name: String, using generator: inout SplitMix64
  ) {
    let probe = ProbeBatch(
      lengths: lengths, inputSize: encoder.inputSize, outputSize: encoder.outputSize,
      finalSize: encoder.finalSize, using: &generator)
    let loss = { () -> Double in
      let (output, final, _) = encoder.encode(probe.packedX, layout: probe.layout)
      return probe.loss(output: output, final: final)
    }
    var grads = encoder.parameters.zerosLike()
    let cache = encoder.encode(probe.packedX, layout: probe.layout).cache
    let dx = encoder.backward(dOutput: probe.r, dFinal: probe.s, cache: cache, into: &grads)
    var entries = GradientCheck.entries(encoder.parameters, grads)
    entries.append(.init(name: "x", value: probe.x, gradient: probe.unpack(inputGradient: dx)))
    GradientCheck.check(entries, name, loss: loss)
  }
}
