import SentimentKit
import XCTest

final class EmbeddingTests: XCTestCase {
  /// Ids with repeats and padding, in packed row order.
  let ids: [Int32] = [3, 0, 5, 3, 1, 0, 6]

  /// L = Σ Y ⊙ R; finite differences on every row but the padding row, which PyTorch treats as a
  /// constant (its output is read, its gradient is never written).
  /// Tolerance: see FiniteDifferences.
  func testWeightGradientMatchesFiniteDifferences() {
    var random = SplitMix64(seed: 1)
    let layer = Embedding<Double>(vocabularySize: 7, embeddingSize: 4, using: &random)
    let r: Matrix<Double> = random.matrix(rows: ids.count, cols: 4)
    let loss = { layer.forward(self.ids).output.dot(r) }
    var grads = layer.parameters.zerosLike()
    layer.backward(r, cache: layer.forward(ids).cache, into: &grads)
    let weight = layer.parameters.weight
    let numeric = FiniteDifferences.gradient(of: loss, at: weight)
    assertClose(grads.weight.rows(1..<7), numeric.rows(1..<7), relative: 1e-6, absolute: 1e-8, "dE")
  }

  func testPaddingRowStaysZeroAndOnlyUsedRowsGetGradient() {
    var random = SplitMix64(seed: 2)
    let layer = Embedding<Double>(vocabularySize: 8, embeddingSize: 3, using: &random)
    let weight = layer.parameters.weight
    XCTAssertEqual(
      weight.rows(0..<1).scalars, [0, 0, 0], "padding row is zeroed at initialisation")
    let (y, cache) = layer.forward(ids)
    XCTAssertEqual(y.rows(1..<2).scalars, [0, 0, 0], "padding id looks up zeros")
    XCTAssertEqual(y.rows(2..<3).scalars, weight.rows(5..<6).scalars, "row n is E[ids[n]]")

    var grads = layer.parameters.zerosLike()
    layer.backward(Matrix(rows: ids.count, cols: 3, repeating: 1), cache: cache, into: &grads)
    XCTAssertEqual(grads.weight.rows(0..<1).scalars, [0, 0, 0], "padding row gets no gradient")
    XCTAssertEqual(
      grads.weight.rows(3..<4).scalars, [2, 2, 2], "id 3 appears twice: gradients add")
    XCTAssertEqual(grads.weight.rows(1..<2).scalars, [1, 1, 1])
    for untouched in [2, 4, 7] {
      XCTAssertEqual(
        grads.weight.rows(untouched..<untouched + 1).scalars, [0, 0, 0], "row \(untouched)")
    }
    XCTAssertEqual(grads.touchedRows.sorted, [1, 3, 5, 6])
    XCTAssertTrue(grads.namedTensors[0].touchedRows === grads.touchedRows, "visible to optimizers")
    XCTAssertTrue(grads.namedTensors[0].prefixed("embedding.").touchedRows === grads.touchedRows)

    // A second batch adds to the record; zero() clears values and record together.
    layer.backward(
      Matrix(rows: 1, cols: 3, repeating: 1), cache: layer.forward([2]).cache, into: &grads)
    XCTAssertEqual(grads.touchedRows.sorted, [1, 2, 3, 5, 6])
    grads.zero()
    XCTAssertTrue(grads.touchedRows.isEmpty)
    XCTAssertEqual(grads.weight.squaredNorm, 0)
    XCTAssertEqual(weight.rows(0..<1).scalars, [0, 0, 0], "the weights' padding row is still zero")
  }

  func testWithoutPaddingEveryIdIsTrained() {
    let layer = Embedding<Double>(vocabularySize: 3, embeddingSize: 2, paddingIndex: nil)
    var grads = layer.parameters.zerosLike()
    layer.backward(
      Matrix(rows: 2, cols: 2, data: [1, 2, 3, 4]), cache: layer.forward([0, 0]).cache, into: &grads
    )
    XCTAssertEqual(grads.weight.scalars, [4, 6, 0, 0, 0, 0])
    XCTAssertEqual(grads.touchedRows.sorted, [0])
  }

  /// PyTorch draws embeddings from N(0, 1): 10 000 draws have mean within ±0.05 and variance
  /// within 1 ± 0.05 (about 5 and 3.5 standard errors).
  func testInitialisationIsStandardNormal() {
    var random = SplitMix64(seed: 3)
    let layer = Embedding<Double>(vocabularySize: 201, embeddingSize: 50, using: &random)
    let values = layer.parameters.weight.rows(1..<201).scalars
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    XCTAssertEqual(mean, 0, accuracy: 0.05)
    XCTAssertEqual(variance, 1, accuracy: 0.05)
    XCTAssertEqual(layer.parameters.namedTensors.map(\.name), ["weight"])
    XCTAssertEqual(layer.parameters.namedTensors.map(\.shape), [[201, 50]])
  }
}
