import SentimentKit
import XCTest

/// Elman layers against torch.nn.RNN (float64 reference vectors in ../shared/parity).
final class ElmanParityTests: XCTestCase {
  func testUnidirectionalRNNFilesMatchPyTorch() throws {
    let cases = try ParityCase.all().filter {
      $0.description.hasPrefix("torch.nn.RNN(") && $0.description.contains("bidirectional=False")
    }
    for parity in cases {
      let activation: Activation = parity.description.contains("nonlinearity='relu'") ? .relu : .tanh
      let inputSize = try parity.int("input_size")
      let hidden = try parity.int("hidden_size")
      let lengths = try parity.ints("lengths")
      let cell = ElmanCell<Double>(inputSize: inputSize, hiddenSize: hidden, activation: activation)
      for t in cell.parameters.namedTensors { t.value.assign(try parity.matrix("weights", t.name)) }
      let layout = PackedLayout(lengths: lengths)
      let x = layout.pack(batchFirst: try parity.matrix("x", as: Double.self), features: inputSize)
      let layer = Recurrent(cell: cell)
      let (output, final, cache) = layer.forward(x, layout: layout)
      let steps = try parity.int("steps")
      assertClose(layout.unpack(output, paddedSteps: steps), try parity.matrix("output"), relative: 1e-9, absolute: 1e-12, "\(parity.name) output")
      let hn = try parity.matrix("h_n", as: Double.self).reshaped(rows: lengths.count, cols: hidden)
      assertClose(layout.unsorting(final.h), hn, relative: 1e-9, absolute: 1e-12, "\(parity.name) h_n")
      // L = Σ output ⊙ R + Σ h_n ⊙ S
      let r = layout.pack(batchFirst: try parity.matrix("R", as: Double.self), features: hidden)
      let s = layout.sorting(try parity.matrix("S", as: Double.self).reshaped(rows: lengths.count, cols: hidden))
      var grads = cell.parameters.zerosLike()
      let (dx, _) = layer.backward(dOutput: r, dFinal: CellState(h: s), cache: cache, into: &grads)
      assertClose(layout.unpack(dx, paddedSteps: steps), try parity.matrix("grad", "x"), relative: 1e-9, absolute: 1e-12, "\(parity.name) dx")
      for t in grads.namedTensors {
        assertClose(t.value, try parity.matrix("grad", t.name), relative: 1e-9, absolute: 1e-12, "\(parity.name) d\(t.name)")
      }
    }
    XCTAssertFalse(cases.isEmpty, "no unidirectional torch.nn.RNN case in the parity folder")
  }
}
