import SentimentKit
import XCTest

/// A one-direction classifier deals a batch into parts, one per core, and sums their encoder
/// gradients; inside parallel work (one core left) it runs the batch whole. Both must give the
/// same loss, probabilities and gradients, up to the order of summation (Double: 1e-12).
final class ClassifierPartsTests: XCTestCase {
  func testPartsGiveWhatTheWholeBatchGives() {
    var generator = SplitMix64(seed: 11)
    let cell = LSTMCell<Double>(inputSize: 6, hiddenSize: 5, using: &generator)
    let classifier = Classifier(
      embedding: Embedding<Double>(vocabularySize: 30, embeddingSize: 6, using: &generator),
      encoder: Recurrent(cell: cell),
      head: Dense<Double>(inputSize: 5, outputSize: 2, using: &generator), encoderName: "lstm")
    let lengths = [7, 3, 9, 1, 4, 4, 8, 2, 6]
    let sequences = lengths.map { n in
      (0..<n).map { _ in Int32.random(in: 0..<30, using: &generator) }
    }
    let labels = lengths.map { $0 % 2 }

    func run() -> (BatchOutcome, ClassifierParameters<Recurrent<LSTMCell<Double>>>, [[Double]]) {
      var grads = classifier.parameters.zerosLike()
      var dropout = SplitMix64(seed: 1)
      let outcome = classifier.accumulateGradients(
        sequences: sequences, labels: labels, into: &grads, using: &dropout)
      return (outcome, grads, classifier.probabilities(of: sequences))
    }
    let (split, splitGrads, splitP) = run()
    let (whole, wholeGrads, wholeP) = Parallel.pair(run, { () }).0

    XCTAssertEqual(split.loss, whole.loss, accuracy: 1e-12)
    XCTAssertEqual(split.correct, whole.correct)
    for (a, b) in zip(split.probabilities + splitP, whole.probabilities + wholeP) {
      XCTAssertEqual(a.count, 2)
      XCTAssertEqual(a.count, b.count)
      for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }
    for (a, b) in zip(splitGrads.namedTensors, wholeGrads.namedTensors) {
      for (x, y) in zip(a.value.scalars, b.value.scalars) {
        XCTAssertEqual(x, y, accuracy: 1e-12 * max(1, abs(y)), a.name)
      }
    }
    XCTAssertEqual(
      splitGrads.embedding.touchedRows.sorted, wholeGrads.embedding.touchedRows.sorted)
  }
}
