import SentimentKit
import SentimentParity
import XCTest

/// Finite-difference checks in Double (ε and tolerance in `FiniteDifferences`) of the whole classifier,
/// embedding → encoder → readout → head → log-softmax, on its own loss: the mean NLL that
/// `accumulateGradients` returns. Every weight of the encoder and head, and every embedding row but
/// the padding row, which must get no gradient even where a sequence contains the padding id
/// (PyTorch's padding_idx). Dropout 0. E 5, H 4, a 9-id vocabulary of which id 8 is never used
/// (its row must get exactly zero), B 3 unsorted lengths 5, 7, 2, one sequence holding id 0.
final class ClassifierGradientTests: XCTestCase {
  private let sequences: [[Int32]] = [[3, 1, 4, 0, 5], [2, 6, 5, 3, 7, 1, 2], [7, 4]]
  private let labels = [1, 0, 1]
  private let (vocabulary, embed, hidden) = (9, 5, 4)

  func testUnidirectionalLSTMReadingTheFinalState() {
    var generator = SplitMix64(seed: 31)
    let encoder = Recurrent(
      cell: LSTMCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator))
    check(encoder, readout: .final, "lstm", using: &generator)
  }

  func testBidirectionalGRUReadingTheMean() {
    var generator = SplitMix64(seed: 32)
    let encoder = Bidirectional(
      forward: GRUCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator),
      reverse: GRUCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator))
    check(encoder, readout: .mean, "gru", using: &generator)
  }

  func testTwoStackedElmanLayersReadingTheMaximum() {
    var generator = SplitMix64(seed: 33)
    let encoder = StackedEncoder([
      Recurrent(cell: ElmanCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator)),
      Recurrent(cell: ElmanCell<Double>(inputSize: hidden, hiddenSize: hidden, using: &generator)),
    ])
    check(encoder, readout: .max, "rnn", using: &generator)
  }

  /// Both directions' final outputs y (O = H + 2, wider than the hidden layer), concatenated.
  func testBidirectionalJordanReadingTheFinalState() {
    var generator = SplitMix64(seed: 34)
    func cell() -> JordanCell<Double> {
      JordanCell(inputSize: embed, hiddenSize: hidden, outputSize: hidden + 2, using: &generator)
    }
    let encoder = Bidirectional(forward: cell(), reverse: cell())
    check(encoder, readout: .final, "jordan", using: &generator)
  }

  /// Concat pooling (final ⊕ max ⊕ mean) of a bidirectional LSTM, with every dropout on: word,
  /// locked input and output, weight dropout of both directions' U, and the head's. Each loss
  /// evaluation draws the same masks (the generator starts from the same seed), so the loss is
  /// a smooth function of the weights and finite differences apply; the weight-dropped U must
  /// still get gradients only where its mask kept it.
  func testBidirectionalLSTMConcatPoolingWithEveryDropout() {
    var generator = SplitMix64(seed: 35)
    let encoder = Bidirectional(
      forward: LSTMCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator),
      reverse: LSTMCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator))
    var r = Regularisation()
    r.dropout = 0.2
    r.wordDropout = 0.3
    r.inputDropout = 0.25
    r.outputDropout = 0.3
    r.weightDropout = 0.4
    check(encoder, readout: .concat, regularisation: r, "lstm", using: &generator)
  }

  private func check<E: SequenceEncoder<Double>>(
    _ encoder: E, readout: Readout, regularisation: Regularisation = Regularisation(),
    _ name: String, using generator: inout SplitMix64
  ) {
    let embedding = Embedding<Double>(
      vocabularySize: vocabulary, embeddingSize: embed, paddingIndex: 0, using: &generator)
    let width = readout.width(finalSize: encoder.finalSize, outputSize: encoder.outputSize)
    let classifier = Classifier(
      embedding: embedding, encoder: encoder,
      head: Dense(inputSize: width, outputSize: 2, using: &generator), readout: readout,
      regularisation: regularisation, encoderName: name)
    let maskSeed: UInt64 = 77  // the same masks at every evaluation
    let loss = { () -> Double in
      var scratch = classifier.parameters.zerosLike()
      var masks = SplitMix64(seed: maskSeed)
      return classifier.accumulateGradients(
        sequences: self.sequences, labels: self.labels, into: &scratch, using: &masks
      ).loss
    }
    let before = classifier.parameters.copy()
    var grads = classifier.parameters.zerosLike()
    var masks = SplitMix64(seed: maskSeed)
    _ = classifier.accumulateGradients(
      sequences: sequences, labels: labels, into: &grads, using: &masks)

    let what = "\(name) readout \(readout), dropouts \(regularisation)"
    var entries = GradientCheck.entries(classifier.parameters, grads)
    XCTAssertEqual(entries[0].name, "embedding.weight")
    XCTAssertTrue(entries.dropFirst().allSatisfy { !$0.name.hasPrefix("embedding.") })
    let rows = 1..<vocabulary  // all but the padding row
    entries[0] = .init(
      name: "embedding.weight[1...]", value: entries[0].value.rows(rows),
      gradient: entries[0].gradient.rows(rows))
    XCTAssertEqual(
      entries.map(\.value.count).reduce(0, +), classifier.parameters.scalarCount - embed, what)
    var deviation = Deviation()
    for entry in entries {
      deviation.include(
        assertClose(
          entry.gradient, FiniteDifferences.gradient(of: loss, at: entry.value),
          relative: FiniteDifferences.relativeTolerance,
          absolute: FiniteDifferences.absoluteTolerance, "\(what) d\(entry.name)"))
    }
    print("finite differences, classifier \(what): \(deviation)")

    for (a, b) in zip(before.namedTensors, classifier.parameters.namedTensors) {
      XCTAssertEqual(a.value.scalars, b.value.scalars, "\(what): \(a.name) changed by a pass")
    }
    if regularisation.weightDropout > 0 {
      for (w, g) in zip(classifier.encoder.parameters.namedTensors, grads.encoder.namedTensors)
      where w.name.contains("weight_hh") {
        XCTAssertTrue(g.value.scalars.contains(0), "\(what): a dropped U element has no gradient")
      }
    }
    let padding = grads.embedding.weight.rows(0..<1)
    XCTAssertEqual(padding.scalars, [Double](repeating: 0, count: embed), "\(what): padding row")
    XCTAssertEqual(
      grads.embedding.touchedRows.sorted,
      Set(sequences.joined().map(Int.init)).subtracting([0]).sorted(),
      "\(what): touched rows")
    XCTAssertEqual(
      grads.embedding.weight.rows(8..<9).scalars, [Double](repeating: 0, count: embed),
      "\(what): the unused id's row")
  }
}
