import Foundation
import SentimentKit
import XCTest

/// One step of each cell on a 1×2 input with weights chosen so the arithmetic can be followed by
/// hand; the comments carry the intermediate values. Expected values are written as the formulas
/// (to 1e-15, a few ulps), with their decimals beside them.
final class GoldenStepTests: XCTestCase {
  private func σ(_ a: Double) -> Double { 1 / (1 + exp(-a)) }

  func testElmanStep() {
    let cell = ElmanCell<Double>(inputSize: 2, hiddenSize: 1)
    load(
      cell.parameters,
      [
        "weight_ih_l0": [0.5, -0.25], "weight_hh_l0": [0.5], "bias_ih_l0": [0.1],
        "bias_hh_l0": [-0.1],
      ])
    // a = 0.5·1 − 0.25·2 + 0.5·0.5 + 0.1 − 0.1 = 0.25
    let state = step(cell, x: [1, 2], h0: [0.5])
    XCTAssertEqual(state.h[0, 0], tanh(0.25), accuracy: 1e-15)  // 0.2449186624…
  }

  func testJordanStep() {
    let cell = JordanCell<Double>(inputSize: 2, hiddenSize: 2, outputSize: 1)
    load(
      cell.parameters,
      [
        "weight_ih_l0": [1, 0, 0, 1], "weight_hh_l0": [1, -1], "weight_ho_l0": [1, 0.5],
        "bias_ho_l0": [0.1],
      ])
    // a = W x + U y0 = (0.5, −0.5) + (0.25, −0.25) = (0.75, −0.75);  h = (tanh 0.75, −tanh 0.75)
    // y = tanh(1·tanh 0.75 − 0.5·tanh 0.75 + 0.1) = tanh(0.5·tanh 0.75 + 0.1)
    let state = step(cell, x: [0.5, -0.5], h0: [0.25])
    XCTAssertEqual(state.h[0, 0], tanh(0.5 * tanh(0.75) + 0.1), accuracy: 1e-15)  // 0.3948850934…
  }

  /// Gate rows i, f, g, o: W = (1 0; 0 1; 1 1; 1 −1), U = 0.5 for every gate, x = (0.5, 1),
  /// h0 = 0.2, c0 = 1, so a = (0.6, 1.1, 1.6, −0.4).
  func testLSTMStep() {
    let cell = LSTMCell<Double>(inputSize: 2, hiddenSize: 1)
    load(
      cell.parameters,
      ["weight_ih_l0": [1, 0, 0, 1, 1, 1, 1, -1], "weight_hh_l0": [0.5, 0.5, 0.5, 0.5]])
    let (i, f, g, o) = (σ(0.6), σ(1.1), tanh(1.6), σ(-0.4))  // 0.6457, 0.7503, 0.9217, 0.4013
    let c = f * 1 + i * g  // 1.3453412…
    let state = step(cell, x: [0.5, 1], h0: [0.2], c0: [1])
    XCTAssertEqual(state.c?[0, 0] ?? .nan, c, accuracy: 1e-15)
    XCTAssertEqual(state.h[0, 0], o * tanh(c), accuracy: 1e-15)  // 0.3503252797…
  }

  /// As `testLSTMStep`, with p_i = 0.5, p_f = −0.5, p_o = 1: i and f see c0 = 1, o sees c_1.
  func testPeepholeLSTMStep() {
    let cell = LSTMCell<Double>(inputSize: 2, hiddenSize: 1, options: .peephole)
    load(
      cell.parameters,
      [
        "weight_ih_l0": [1, 0, 0, 1, 1, 1, 1, -1], "weight_hh_l0": [0.5, 0.5, 0.5, 0.5],
        "weight_peephole_i_l0": [0.5], "weight_peephole_f_l0": [-0.5], "weight_peephole_o_l0": [1],
      ])
    let (i, f, g) = (σ(0.6 + 0.5), σ(1.1 - 0.5), tanh(1.6))  // 0.7503, 0.6457, 0.9217
    let c = f * 1 + i * g  // 1.3371474…
    let o = σ(-0.4 + 1 * c)  // 0.7185
    let state = step(cell, x: [0.5, 1], h0: [0.2], c0: [1])
    XCTAssertEqual(state.c?[0, 0] ?? .nan, c, accuracy: 1e-15)
    XCTAssertEqual(state.h[0, 0], o * tanh(c), accuracy: 1e-15)  // 0.6258231229…
  }

  /// Gate rows i, g, o only (f = 1 − i), the same numbers as `testLSTMStep` otherwise.
  func testCoupledGateLSTMStep() {
    let cell = LSTMCell<Double>(inputSize: 2, hiddenSize: 1, options: .coupledGates)
    load(cell.parameters, ["weight_ih_l0": [1, 0, 1, 1, 1, -1], "weight_hh_l0": [0.5, 0.5, 0.5]])
    let (i, g, o) = (σ(0.6), tanh(1.6), σ(-0.4))
    let c = (1 - i) * 1 + i * g  // 0.9494248…
    let state = step(cell, x: [0.5, 1], h0: [0.2], c0: [1])
    XCTAssertEqual(state.c?[0, 0] ?? .nan, c, accuracy: 1e-15)
    XCTAssertEqual(state.h[0, 0], o * tanh(c), accuracy: 1e-15)  // 0.2967795205…
  }

  /// Gate rows r, z, n: W = (1 0; 0 1; 1 1), U = (1, 1, 2), b_hn = 0.5, x = (1, −1), h0 = 0.5, so
  /// a_r = 1.5, a_z = −0.5, W_n x = 0, U_n h0 + b_hn = 1.5. The two forms differ only in n.
  func testGRUStepInBothForms() {
    let (r, z) = (σ(1.5), σ(-0.5))  // 0.8176, 0.3775
    let candidates: [(GRUVariant, Double)] = [
      (.resetAfter, tanh(r * (2 * 0.5 + 0.5))),  // n = tanh(r ⊙ (U_n h0 + b_hn)) = 0.8415
      (.resetBefore, tanh(2 * (r * 0.5) + 0.5)),  // n = tanh(U_n (r ⊙ h0) + b_hn) = 0.8662
    ]
    for (variant, n) in candidates {
      let cell = GRUCell<Double>(inputSize: 2, hiddenSize: 1, variant: variant)
      load(
        cell.parameters,
        [
          "weight_ih_l0": [1, 0, 0, 1, 1, 1], "weight_hh_l0": [1, 1, 2], "bias_hh_l0": [0, 0, 0.5],
        ])
      let state = step(cell, x: [1, -1], h0: [0.5])
      // h = (1 − z) n + z h0: 0.7125827862… after, 0.7279318257… before
      XCTAssertEqual(state.h[0, 0], (1 - z) * n + z * 0.5, accuracy: 1e-15, "\(variant)")
    }
  }

  /// One step of `cell` on the row x from (h0, c0): the state after it.
  private func step<Cell: RecurrentCell<Double>>(
    _ cell: Cell, x: [Double], h0: [Double], c0: [Double]? = nil
  ) -> CellState<Double> {
    let row = { (values: [Double]) in Matrix<Double>(rows: 1, cols: values.count, data: values) }
    let initial = CellState(h: row(h0), c: c0.map(row))
    return Recurrent(cell: cell).forward(
      row(x), layout: PackedLayout(lengths: [1]), initial: initial
    ).final
  }

  /// Sets the named tensors from row-major values; the others stay zero.
  private func load<P: ParameterSet>(
    _ parameters: P, _ values: [String: [Double]], file: StaticString = #filePath,
    line: UInt = #line
  ) where P.T == Double {
    let tensors = parameters.namedTensors
    XCTAssertTrue(
      Set(values.keys).isSubset(of: tensors.map(\.name)), "unknown tensor name", file: file,
      line: line)
    for t in tensors {
      guard let data = values[t.name] else { continue }
      t.value.assign(Matrix(rows: t.value.rows, cols: t.value.cols, data: data))
    }
  }
}
