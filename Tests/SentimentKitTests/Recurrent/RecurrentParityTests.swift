import SentimentKit
import XCTest

/// Elman, LSTM and GRU layers, one- and two-directional, against torch.nn.RNN, nn.LSTM and nn.GRU:
/// float64 reference vectors in ../shared/parity, written by PyTorch (each file's `generator`
/// field names the version and seed). Every file whose description starts with one of those
/// constructors is checked, chosen by its description and fields, not its name; others are left
/// to their owners. Loss = Σ output ⊙ R + Σ h_n ⊙ S (+ Σ c_n ⊙ S_c); checked: output, h_n, c_n,
/// dL/dx and every weight gradient.
final class RecurrentParityTests: XCTestCase {
  /// Both sides compute in float64; sums taken in another order differ by a few ulps (~1e-16
  /// relative), so 1e-9 relative + 1e-12 absolute is loose and yet catches any formula error.
  func testDoubleMatchesPyTorch() throws {
    try checkEveryCase(Double.self, outputs: (1e-9, 1e-12), gradients: (1e-9, 1e-12))
  }

  /// Float (ε ≈ 1.2e-7) against the float64 reference, as the parity README says: 1e-5 relative on
  /// outputs and states, 1e-4 on gradients, each with an absolute floor a tenth of that (1e-6,
  /// 1e-5) for values near zero, where float32 rounding of O(1) terms dominates.
  func testFloatMatchesPyTorch() throws {
    try checkEveryCase(Float.self, outputs: (1e-5, 1e-6), gradients: (1e-4, 1e-5))
  }

  /// Relative and absolute tolerance: |a − e| ≤ absolute + relative·max(|a|, |e|).
  typealias Tolerance = (relative: Double, absolute: Double)

  /// What a file's description says about its model.
  struct TorchLayer {
    enum Kind {
      case rnn(Activation)
      case lstm, gru
    }
    let kind: Kind
    let bidirectional: Bool

    /// nil when the description names no torch.nn.RNN/LSTM/GRU; throws on a constructor argument
    /// this harness does not model (it would otherwise compare against the wrong thing).
    init?(_ parity: ParityCase) throws {
      let description = parity.description
      let kinds: [(String, Kind)] = [
        ("torch.nn.RNN(", .rnn(.tanh)), ("torch.nn.LSTM(", .lstm), ("torch.nn.GRU(", .gru),
      ]
      guard let (prefix, kind) = kinds.first(where: { description.hasPrefix($0.0) }) else {
        return nil
      }
      let arguments = description.dropFirst(prefix.count).prefix { $0 != ")" }
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      var settings = [String: String]()
      for argument in arguments {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ParityError.malformed(parity.name, argument) }
        settings[parts[0]] = parts[1]
      }
      let supported: [String: Set<String>] = [
        "input_size": [], "hidden_size": [], "batch_first": ["True"],
        "bidirectional": ["True", "False"],
        "nonlinearity": ["'tanh'", "'relu'"], "num_layers": ["1"], "bias": ["True"],
      ]
      settings["batch_first"] = settings["batch_first"] ?? "False"  // PyTorch's default
      for (key, value) in settings {
        guard let allowed = supported[key], allowed.isEmpty || allowed.contains(value) else {
          throw ParityError.malformed(parity.name, "unsupported \(key)=\(value) in the description")
        }
      }
      if case .rnn = kind, settings["nonlinearity"] == "'relu'" {
        self.kind = .rnn(.relu)
      } else {
        self.kind = kind
      }
      bidirectional = settings["bidirectional"] == "True"
    }
  }

  /// Checks every matching file; a file that cannot be read or modelled fails on its own, and the
  /// others are still checked.
  private func checkEveryCase<T: Scalar>(_: T.Type, outputs: Tolerance, gradients: Tolerance) throws
  {
    var checked = 0
    for parity in try ParityCase.all() {
      do {
        guard let layer = try TorchLayer(parity) else { continue }
        let deviations = try check(parity, layer, T.self, outputs, gradients)
        print(
          "parity \(parity.name) \(T.self): outputs \(deviations.outputs); gradients \(deviations.gradients)"
        )
        checked += 1
      } catch {
        XCTFail("\(parity.name): \(error)")
      }
    }
    XCTAssertGreaterThan(checked, 0, "no torch.nn.RNN/LSTM/GRU case in the parity folder")
  }

  /// Builds the cell the file describes and checks it.
  private func check<T: Scalar>(
    _ parity: ParityCase, _ layer: TorchLayer, _: T.Type, _ outputs: Tolerance,
    _ gradients: Tolerance
  ) throws -> (outputs: Deviation, gradients: Deviation) {
    let (i, h) = (try parity.int("input_size"), try parity.int("hidden_size"))
    switch layer.kind {
    case .rnn(let activation):
      return try check(parity, layer.bidirectional, outputs, gradients) {
        ElmanCell<T>(inputSize: i, hiddenSize: h, activation: activation)
      }
    case .lstm:
      return try check(parity, layer.bidirectional, outputs, gradients) {
        LSTMCell<T>(inputSize: i, hiddenSize: h)
      }
    case .gru:
      return try check(parity, layer.bidirectional, outputs, gradients) {
        GRUCell<T>(inputSize: i, hiddenSize: h, variant: .resetAfter)
      }
    }
  }

  /// Builds the one- or two-directional layer from `make` and checks it.
  private func check<Cell: RecurrentCell>(
    _ parity: ParityCase, _ bidirectional: Bool, _ outputs: Tolerance, _ gradients: Tolerance,
    make: () -> Cell
  ) throws -> (outputs: Deviation, gradients: Deviation) {
    bidirectional
      ? try check(Bidirectional(forward: make(), reverse: make()), parity, outputs, gradients)
      : try check(Recurrent(cell: make()), parity, outputs, gradients)
  }

  /// Loads the file's weights into `model`, runs it forwards and backwards, and compares.
  private func check<Model: ParityModel>(
    _ model: Model, _ parity: ParityCase, _ outputTolerance: Tolerance,
    _ gradientTolerance: Tolerance
  ) throws -> (outputs: Deviation, gradients: Deviation) {
    typealias T = Model.T
    let lengths = try parity.ints("lengths")
    let steps = try parity.int("steps")
    let hidden = try parity.int("hidden_size")
    let hasMemory = parity.json["c_n"] != nil
    let layout = PackedLayout(lengths: lengths)
    let weights = model.parameters.namedTensors
    XCTAssertEqual(
      Set(weights.map(\.name)), Set(parity.keys("weights")), "\(parity.name) weight names")
    for t in weights { t.value.assign(try parity.matrix("weights", t.name)) }

    var outputs = Deviation()
    var gradients = Deviation()
    func compare(_ actual: Matrix<T>, _ expected: Matrix<T>, _ what: String, gradient: Bool = false)
    {
      let tolerance = gradient ? gradientTolerance : outputTolerance
      let deviation = assertClose(
        actual, expected, relative: tolerance.relative, absolute: tolerance.absolute,
        "\(parity.name) \(T.self) \(what)")
      if gradient { gradients.include(deviation) } else { outputs.include(deviation) }
    }
    /// Direction d's [B, H] block of a [D, B, H] tensor such as h_n, in the caller's order.
    func block(_ key: String, _ d: Int) throws -> Matrix<T> {
      try parity.matrix(key, as: T.self).rows(d..<d + 1).reshaped(rows: lengths.count, cols: hidden)
    }

    let x = layout.pack(batchFirst: try parity.matrix("x", as: T.self), features: model.inputSize)
    let (output, finals, cache) = model.run(x, layout: layout)
    compare(layout.unpack(output, paddedSteps: steps), try parity.matrix("output"), "output")
    for (d, final) in finals.enumerated() {
      compare(layout.unsorting(final.h), try block("h_n", d), "h_n[\(d)]")
      if hasMemory, let c = final.c {
        compare(layout.unsorting(c), try block("c_n", d), "c_n[\(d)]")
      }
    }
    XCTAssertEqual(finals.allSatisfy { $0.c != nil }, hasMemory, "\(parity.name): c_n")

    let dOutput = layout.pack(batchFirst: try parity.matrix("R", as: T.self), features: output.cols)
    let dFinals = try finals.indices.map { d in
      CellState(
        h: layout.sorting(try block("S", d)),
        c: hasMemory ? layout.sorting(try block("Sc", d)) : nil)
    }
    var grads = model.parameters.zerosLike()
    let dx = model.gradient(dOutput: dOutput, dFinals: dFinals, cache: cache, into: &grads)
    compare(
      layout.unpack(dx, paddedSteps: steps), try parity.matrix("grad", "x"), "dx", gradient: true)
    for t in grads.namedTensors {
      compare(t.value, try parity.matrix("grad", t.name), "d\(t.name)", gradient: true)
    }
    XCTAssertEqual(
      Set(grads.namedTensors.map(\.name) + ["x"]), Set(parity.keys("grad")),
      "\(parity.name) gradient names")
    return (outputs, gradients)
  }
}
