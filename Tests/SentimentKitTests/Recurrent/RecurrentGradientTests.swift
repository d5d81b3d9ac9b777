import SentimentKit
import XCTest

/// Finite-difference checks in Double (ε and tolerance in `GradientCheck`) of every cell variant
/// unrolled by `Recurrent`: every parameter, the input and the initial state (h0, and c0 for the
/// LSTM), for L = Σ out ⊙ R + Σ h_n ⊙ S + Σ c_n ⊙ S_c with fixed random R, S, S_c.
/// B 3, T 7, I 5, H 4.
final class RecurrentGradientTests: XCTestCase {
  func testEveryCellReadingForwardsOnSortedLengths() {
    for variant in CellVariant.allCases { check(variant, lengths: [7, 5, 2], reversed: false) }
  }

  func testEveryCellReadingBackwardsOnUnsortedLengths() {
    for variant in CellVariant.allCases { check(variant, lengths: [5, 7, 2], reversed: true) }
  }

  /// Weight gradients and dX summed over chunks of steps (`Recurrent.chunkRows`, here 40 rows
  /// and 7 rows) equal the one-chunk sums the finite differences above check, to rounding.
  func testChunkedWeightGradientsEqualOneChunk() {
    let lengths = [9, 30, 17, 30, 2, 25, 11, 30]
    for variant in CellVariant.allCases {
      for reversed in [false, true] {
        var generator = SplitMix64(seed: 77)
        let cell: any RecurrentCell<Double> = variant.make(inputSize: 5, hiddenSize: 4, using: &generator)
        let probe = ProbeBatch(
          lengths: lengths, inputSize: cell.inputSize, outputSize: cell.stateSize,
          finalSize: cell.stateSize, using: &generator)
        let whole = gradients(cell, reversed: reversed, chunkRows: .max, probe)
        for chunkRows in [40, 7] {
          let chunked = gradients(cell, reversed: reversed, chunkRows: chunkRows, probe)
          for (a, e) in zip(chunked, whole) {
            for (u, v) in zip(a.1.scalars, e.1.scalars) {
              XCTAssertEqual(u, v, accuracy: 1e-12 * max(1, abs(v)), "\(variant) reversed \(reversed) chunk \(chunkRows): \(a.0)")
            }
          }
        }
      }
    }
  }

  /// Every weight gradient and dX of one backward pass on `probe`, named.
  private func gradients<Cell: RecurrentCell<Double>>(
    _ cell: Cell, reversed: Bool, chunkRows: Int, _ probe: ProbeBatch
  ) -> [(String, Matrix<Double>)] {
    var layer = Recurrent(cell: cell, reversed: reversed)
    layer.chunkRows = chunkRows
    let cache = layer.forward(probe.packedX, layout: probe.layout).cache
    var grads = cell.parameters.zerosLike()
    let dx = layer.backward(dOutput: probe.r, dFinal: CellState(h: probe.s), cache: cache, into: &grads).dInput
    return grads.namedTensors.map { ($0.name, $0.value) } + [("x", dx)]
  }

  private func check(_ variant: CellVariant, lengths: [Int], reversed: Bool) {
    var generator = SplitMix64(seed: 2024)
    let cell: any RecurrentCell<Double> = variant.make(
      inputSize: 5, hiddenSize: 4, using: &generator)
    let name = "\(variant) \(reversed ? "reversed" : "forwards") \(lengths)"
    check(cell, reversed: reversed, lengths: lengths, name, using: &generator)
  }

  private func check<Cell: RecurrentCell<Double>>(
    _ cell: Cell, reversed: Bool, lengths: [Int], _ name: String,
    using generator: inout SplitMix64
  ) {
    let layer = Recurrent(cell: cell, reversed: reversed)
    let batch = lengths.count
    let probe = ProbeBatch(
      lengths: lengths, inputSize: cell.inputSize, outputSize: cell.stateSize,
      finalSize: cell.stateSize, using: &generator)
    let layout = probe.layout
    // h0 and c0 in the caller's order; S_c in sorted order, like S.
    let h0: Matrix<Double> = generator.matrix(rows: batch, cols: cell.stateSize)
    let c0: Matrix<Double>? = cell.hasCellMemory ? generator.matrix(rows: batch, cols: cell.memorySize) : nil
    let sc: Matrix<Double>? = cell.hasCellMemory ? generator.matrix(rows: batch, cols: cell.memorySize) : nil
    func run() -> (output: Matrix<Double>, final: CellState<Double>, cache: Recurrent<Cell>.Cache) {
      let initial = CellState(h: layout.sorting(h0), c: c0.map { layout.sorting($0) })
      return layer.forward(probe.packedX, layout: layout, initial: initial)
    }
    let loss = { () -> Double in
      let (output, final, _) = run()
      var total = probe.loss(output: output, final: final.h)
      if let c = final.c, let sc { total += c.dot(sc) }
      return total
    }
    var grads = cell.parameters.zerosLike()
    let (dx, dInitial) = layer.backward(
      dOutput: probe.r, dFinal: CellState(h: probe.s, c: sc), cache: run().cache, into: &grads)
    var entries = GradientCheck.entries(cell.parameters, grads)
    entries.append(.init(name: "x", value: probe.x, gradient: probe.unpack(inputGradient: dx)))
    entries.append(.init(name: "h0", value: h0, gradient: layout.unsorting(dInitial.h)))
    if let c0, let dc0 = dInitial.c {
      entries.append(.init(name: "c0", value: c0, gradient: layout.unsorting(dc0)))
    }
    GradientCheck.check(entries, name, loss: loss)
  }
}
