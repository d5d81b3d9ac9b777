import SentimentKit
import XCTest

/// Properties of the cells and encoders that hold whatever the weights.
final class RecurrentPropertyTests: XCTestCase {
  /// The zero state has the state's width (H, or O for Jordan), not the input's, for any batch:
  /// I = 5 ≠ H = 4, B = 3. Starting from it explicitly gives what starting from nil gives (where
  /// `Recurrent` skips the product U h_0).
  func testZeroStateHasTheStateWidthForAnyBatch() {
    for variant in CellVariant.allCases {
      var generator = SplitMix64(seed: 3)
      let cell: any RecurrentCell<Double> = variant.make(
        inputSize: 5, hiddenSize: 4, using: &generator)
      let width = variant == .jordanWideOutput ? 6 : 4
      let hasMemory = variant.rawValue.hasPrefix("lstm")
      checkZeroState(cell, width: width, hasMemory: hasMemory, "\(variant)", using: &generator)
    }
  }

  private func checkZeroState(
    _ cell: some RecurrentCell<Double>, width: Int, hasMemory: Bool, _ name: String,
    using generator: inout SplitMix64
  ) {
    let state = cell.zeroState(batch: 3)
    XCTAssertEqual([state.h.rows, state.h.cols], [3, width], "\(name) h")
    XCTAssertEqual(state.h.squaredNorm, 0, "\(name) h")
    if hasMemory {
      XCTAssertEqual(state.c.map { [$0.rows, $0.cols] }, [3, 4], "\(name) c")
      XCTAssertEqual(state.c?.squaredNorm, 0, "\(name) c")
    } else {
      XCTAssertNil(state.c, "\(name) c")
    }
    let layout = PackedLayout(lengths: [4, 3, 1])
    let x: Matrix<Double> = generator.matrix(rows: layout.rowCount, cols: 5)
    let layer = Recurrent(cell: cell)
    let implicit = layer.forward(x, layout: layout)
    let explicit = layer.forward(x, layout: layout, initial: state)
    assertClose(
      explicit.output, implicit.output, relative: 1e-15, absolute: 1e-15, "\(name) output")
  }

  /// A reverse direction with all weights zero emits a constant, σ_y(0) at every step (0, or 1/2
  /// for logistic outputs), so under `.sum` the bidirectional output and final are the forward
  /// direction's plus that constant.
  func testZeroReverseDirectionAddsItsConstantUnderSum() {
    for variant in CellVariant.allCases {
      var generator = SplitMix64(seed: 4)
      let cell: any RecurrentCell<Double> = variant.make(
        inputSize: 5, hiddenSize: 4, using: &generator)
      checkZeroReverse(cell, constant: variant.zeroWeightOutput, "\(variant)", using: &generator)
    }
  }

  private func checkZeroReverse<Cell: RecurrentCell<Double>>(
    _ cell: Cell, constant: Double, _ name: String, using generator: inout SplitMix64
  ) {
    var reverse = cell
    reverse.parameters = cell.parameters.zerosLike()
    let layout = PackedLayout(lengths: [7, 5, 2])
    let x: Matrix<Double> = generator.matrix(rows: layout.rowCount, cols: 5)
    let both = Bidirectional(forward: cell, reverse: reverse, merge: .sum).encode(x, layout: layout)
    let alone = Recurrent(cell: cell).encode(x, layout: layout)
    for (merged, forward) in [(both.output, alone.output), (both.final, alone.final)] {
      let expected = forward.copy()
      expected.add(Matrix(rows: forward.rows, cols: forward.cols, repeating: constant))
      assertClose(merged, expected, relative: 1e-15, absolute: 1e-15, "\(name)")
    }
  }

  /// Running the two directions at once (one thread each) gives exactly what running them one
  /// after the other gives, forwards and backwards, over repeated runs on a batch big enough for
  /// the two threads to overlap.
  func testConcurrentDirectionsMatchSequentialOnes() {
    var generator = SplitMix64(seed: 5)
    let forwardCell = LSTMCell<Double>(inputSize: 16, hiddenSize: 32, using: &generator)
    let reverseCell = GRUCell<Double>(inputSize: 16, hiddenSize: 32, using: &generator)
    let layer = Bidirectional(forward: forwardCell, reverse: reverseCell)
    let layout = PackedLayout(lengths: (0..<16).map { 1 + ($0 * 7) % 40 })
    let x: Matrix<Double> = generator.matrix(rows: layout.rowCount, cols: 16)
    let r: Matrix<Double> = generator.matrix(rows: layout.rowCount, cols: 64)

    let f = Recurrent(cell: forwardCell).forward(x, layout: layout)
    let b = Recurrent(cell: reverseCell, reversed: true).forward(x, layout: layout)
    let expected = layer.parameters.zerosLike()
    // Handles on expected's storage.
    var (forwardGrads, reverseGrads) = (expected.forward, expected.reverse)
    let dxf = Recurrent(cell: forwardCell).backward(
      dOutput: r.columns(0..<32), dFinal: nil, cache: f.cache, into: &forwardGrads)
    let dxb = Recurrent(cell: reverseCell, reversed: true).backward(
      dOutput: r.columns(32..<64), dFinal: nil, cache: b.cache, into: &reverseGrads)
    dxf.dInput.add(dxb.dInput)

    for run in 0..<20 {
      let (output, final, cache) = layer.forward(x, layout: layout)
      var grads = layer.parameters.zerosLike()
      let dx = layer.backward(dOutput: r, dFinal: (nil, nil), cache: cache, into: &grads).dInput
      let same = { (a: Matrix<Double>, e: Matrix<Double>, what: String) in
        XCTAssertEqual(a.scalars, e.scalars, "run \(run) \(what)")
      }
      same(output.columns(0..<32), f.output, "forward output")
      same(output.columns(32..<64), b.output, "reverse output")
      same(final.forward.h, f.final.h, "forward h_n")
      same(final.reverse.h, b.final.h, "reverse h_n")
      same(dx, dxf.dInput, "dx")
      for (a, e) in zip(grads.namedTensors, expected.namedTensors) {
        same(a.value, e.value, "d\(a.name)")
      }
    }
  }

  /// State-dict names and shapes follow PyTorch; extra tensors (Jordan's output layer, peepholes)
  /// follow the same pattern; a second direction adds "_reverse", a second layer "_l1".
  func testParameterNamesAndShapesFollowPyTorch() {
    func names<P: ParameterSet>(_ p: P) -> [String] {
      p.namedTensors.map { "\($0.name) \($0.shape)" }
    }
    let pytorch = { (g: Int) in
      [
        "weight_ih_l0 [\(4 * g), 5]", "weight_hh_l0 [\(4 * g), 4]", "bias_ih_l0 [\(4 * g)]",
        "bias_hh_l0 [\(4 * g)]",
      ]
    }
    XCTAssertEqual(names(ElmanCell<Float>(inputSize: 5, hiddenSize: 4).parameters), pytorch(1))
    XCTAssertEqual(names(GRUCell<Float>(inputSize: 5, hiddenSize: 4).parameters), pytorch(3))
    XCTAssertEqual(names(LSTMCell<Float>(inputSize: 5, hiddenSize: 4).parameters), pytorch(4))
    XCTAssertEqual(
      names(LSTMCell<Float>(inputSize: 5, hiddenSize: 4, options: .peephole).parameters),
      pytorch(4) + [
        "weight_peephole_i_l0 [4]", "weight_peephole_f_l0 [4]", "weight_peephole_o_l0 [4]",
      ])
    XCTAssertEqual(
      names(
        LSTMCell<Float>(inputSize: 5, hiddenSize: 4, options: [.peephole, .coupledGates]).parameters
      ),
      pytorch(3) + ["weight_peephole_i_l0 [4]", "weight_peephole_o_l0 [4]"])
    XCTAssertEqual(
      names(JordanCell<Float>(inputSize: 5, hiddenSize: 4, outputSize: 6).parameters),
      [
        "weight_ih_l0 [4, 5]", "weight_hh_l0 [4, 6]", "bias_ih_l0 [4]", "bias_hh_l0 [4]",
        "weight_ho_l0 [6, 4]", "bias_ho_l0 [6]",
      ])

    let layer = { (inputSize: Int) in
      Bidirectional(
        forward: ElmanCell<Float>(inputSize: inputSize, hiddenSize: 4),
        reverse: ElmanCell<Float>(inputSize: inputSize, hiddenSize: 4))
    }
    let stack = StackedEncoder([layer(5), layer(8)])
    XCTAssertEqual(
      stack.parameters.namedTensors.map(\.name),
      [
        "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
        "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
        "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
        "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
      ])
    XCTAssertEqual(stack.parameters.namedTensors[8].shape, [4, 8])
  }

  /// PyTorch's default: every tensor from U(−1/√H, 1/√H); the same seed gives the same weights.
  func testDefaultInitialisationIsUniformWithinOneOverRootH() {
    for variant in CellVariant.allCases {
      var first = SplitMix64(seed: 6)
      var second = SplitMix64(seed: 6)
      func tensors(_ cell: some RecurrentCell<Float>) -> [NamedTensor<Float>] {
        cell.parameters.namedTensors
      }
      let a = tensors(variant.make(inputSize: 5, hiddenSize: 16, using: &first))
      let b = tensors(variant.make(inputSize: 5, hiddenSize: 16, using: &second))
      for (x, y) in zip(a, b) {
        let values = x.value.scalars
        XCTAssertEqual(values, y.value.scalars, "\(variant) \(x.name): same seed, same weights")
        XCTAssertTrue(values.allSatisfy { abs($0) <= 0.25 }, "\(variant) \(x.name) within ±1/√16")
        XCTAssertGreaterThan(values.map(abs).max() ?? 0, 0.1, "\(variant) \(x.name) spread")
      }
    }
  }
}
