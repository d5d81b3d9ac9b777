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
