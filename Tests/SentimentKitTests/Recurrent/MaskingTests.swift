import SentimentKit
import XCTest

/// Padding costs nothing and changes nothing: a sequence of 6 steps run beside a companion of 50
/// gives the same outputs, final state and gradients as the same sequence run alone, for every
/// cell variant reading either way. Only the sequence enters the loss, so the companion adds exact
/// zeros to the weight gradients; what may differ is the order BLAS sums in, hence
/// |a − e| ≤ 1e-14 + 1e-12·max(|a|, |e|) rather than bitwise equality.
final class MaskingTests: XCTestCase {
  private let (length, longest) = (6, 50)

  func testPaddingToFiftyStepsChangesNothing() {
    for variant in CellVariant.allCases {
      for reversed in [false, true] {
        var generator = SplitMix64(seed: 11)
        let cell: any RecurrentCell<Double> = variant.make(
          inputSize: 5, hiddenSize: 4, using: &generator)
        check(
          cell, reversed: reversed, "\(variant) \(reversed ? "reversed" : "forwards")",
          using: &generator)
      }
    }
  }

  private func check(
    _ cell: some RecurrentCell<Double>, reversed: Bool, _ name: String,
    using generator: inout SplitMix64
  ) {
    let layer = Recurrent(cell: cell, reversed: reversed)
    let (i, s, m) = (cell.inputSize, cell.stateSize, cell.memorySize)
    // The sequence batch-first [1, 6·I], and the weights of its outputs, final h and final c.
    let x: Matrix<Double> = generator.matrix(rows: 1, cols: length * i)
    let r: Matrix<Double> = generator.matrix(rows: 1, cols: length * s)
    let sh: Matrix<Double> = generator.matrix(rows: 1, cols: s)
    let sc: Matrix<Double> = generator.matrix(rows: 1, cols: m)
    let alone = Run(layer, lengths: [length], x: x, r: r, sh: sh, sc: sc)

    // The batch, caller's order: the sequence (garbage at its padded steps), then the companion.
    // The companion's loss weights are zero.
    let batchX: Matrix<Double> = generator.matrix(rows: 2, cols: longest * i)
    batchX.rows(0..<1).columns(0..<length * i).assign(x)
    batchX.rows(0..<1).columns(length * i..<longest * i).scale(by: 1e3)
    func firstRow(_ m: Matrix<Double>, width: Int) -> Matrix<Double> {
      let padded = Matrix<Double>(rows: 2, cols: width)
      padded.rows(0..<1).columns(0..<m.cols).assign(m)
      return padded
    }
    let together = Run(
      layer, lengths: [length, longest], x: batchX, r: firstRow(r, width: longest * s),
      sh: firstRow(sh, width: s), sc: firstRow(sc, width: m))

    func same(_ a: Matrix<Double>, _ e: Matrix<Double>, _ what: String) {
      assertClose(a, e, relative: 1e-12, absolute: 1e-14, "\(name) \(what)")
    }
    let sequence = together.rows(0..<1)
    same(sequence.output.columns(0..<length * s), alone.output, "output")
    same(sequence.final.h, alone.final.h, "final h")
    if let c = sequence.final.c, let expected = alone.final.c { same(c, expected, "final c") }
    same(sequence.dx.columns(0..<length * i), alone.dx, "dx")
    same(
      sequence.dx.columns(length * i..<longest * i), Matrix(rows: 1, cols: (longest - length) * i),
      "dx padding")
    for (a, e) in zip(together.grads.namedTensors, alone.grads.namedTensors) {
      same(a.value, e.value, "d\(a.name)")
    }
  }

  /// One forward and backward pass, everything batch-first in the caller's order.
  private struct Run<Cell: RecurrentCell<Double>> {
    let output: Matrix<Double>  // [B, T·S]
    let final: CellState<Double>  // [B, ·]
    let dx: Matrix<Double>  // [B, T·I]
    let grads: Cell.Parameters

    /// Runs `layer` on `x` [B, T·I]; the loss weights r [B, T·S], sh [B, S], sc [B, H] are
    /// batch-first too.
    init(
      _ layer: Recurrent<Cell>, lengths: [Int], x: Matrix<Double>, r: Matrix<Double>,
      sh: Matrix<Double>, sc: Matrix<Double>
    ) {
      let layout = PackedLayout(lengths: lengths)
      let cell = layer.cell
      let (output, final, cache) = layer.forward(
        layout.pack(batchFirst: x, features: cell.inputSize), layout: layout)
      var grads = cell.parameters.zerosLike()
      let dFinal = CellState(
        h: layout.sorting(sh), c: cell.hasCellMemory ? layout.sorting(sc) : nil)
      let dOutput = layout.pack(batchFirst: r, features: cell.stateSize)
      let (dx, _) = layer.backward(dOutput: dOutput, dFinal: dFinal, cache: cache, into: &grads)
      self.init(
        output: layout.unpack(output),
        final: CellState(h: layout.unsorting(final.h), c: final.c.map { layout.unsorting($0) }),
        dx: layout.unpack(dx), grads: grads)
    }

    private init(
      output: Matrix<Double>, final: CellState<Double>, dx: Matrix<Double>, grads: Cell.Parameters
    ) {
      self.output = output
      self.final = final
      self.dx = dx
      self.grads = grads
    }

    /// The same run restricted to sequences `range` (the gradients are the batch's).
    func rows(_ range: Range<Int>) -> Run {
      Run(output: output.rows(range), final: final.rows(range), dx: dx.rows(range), grads: grads)
    }
  }
}
