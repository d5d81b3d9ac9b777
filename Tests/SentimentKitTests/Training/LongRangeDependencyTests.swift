import SentimentKit
import XCTest

/// What vanishing gradients do, on a task with one long-range dependency: sequences of 40–60
/// tokens whose label is their FIRST token (marker A = id 2 → 0, B = id 3 → 1), every later token
/// uniform noise from ids 4 ..< 12 (0 PAD and 1 OOV unused). The classifier reads the final state
/// only, so it must carry the marker across 39–59 steps of noise.
///
/// Backpropagated to the first step, the gradient is a product over the steps between:
///   Elman:  dh_{t−1} = (dh_t ⊙ (1 − h_t²)) U           one matrix and one tanh' per step
///   LSTM:   dc_{t−1} = dc_t ⊙ f_t  (+ the paths through U)   GRU: dh_{t−1} = dh_t ⊙ z_t (+ …)
/// PyTorch's U(−1/√H, 1/√H) gives U a spectral radius near 1/√3 ≈ 0.58, so Elman's gradient shrinks
/// about twofold a step: ~1e-15 after 50. The gated cells carry their state additively, through a
/// gate and no matrix: how much survives is the gate, set by its bias. At PyTorch's initialisation
/// the gates sit at σ(≈ 0) ≈ 1/2 and the gated cells forget too (~1e-10 after 50 steps); with the
/// keep gate's bias at 4 (σ(4) ≈ 0.98; the forget-gate bias of Gers et al. 2000, which Keras sets to
/// 1 and Jozefowicz et al. 2015 recommend) the memory is open from the start. Elman has no such gate.
final class LongRangeDependencyTests: XCTestCase {
  private static let (embed, hidden, steps) = (16, 32, 50)
  /// b_ih of the keep gate (LSTM f, GRU z: PyTorch's second gate block); its b_hh is set to 0.
  private static let keepGateBias = 4.0

  /// ‖dL/dx_0‖ / ‖dL/dx_{T−1}‖ over a batch of 32 sequences of T = 50 steps, x_t ~ N(0, 1) (the
  /// factory's embedding rows) and dL/dh_{T−1} ~ N(0, 1), for cells with PyTorch's weights, three
  /// seeds. Measured (seeds 1–3): Elman 3e-15 … 2e-14; LSTM and GRU as initialised 4e-11 … 4e-10;
  /// with the keep gate open LSTM ≈ 1.5, GRU ≈ 0.4. Every bound is at least 20 times away from
  /// the nearest measured value.
  func testGradientReachingTheFirstStepVanishesInElmanButNotThroughAnOpenGate() {
    let (e, h) = (Self.embed, Self.hidden)
    for seed: UInt64 in 1...3 {
      var generator = SplitMix64(seed: seed)
      let batch = 32
      let layout = PackedLayout(lengths: Array(repeating: Self.steps, count: batch))
      let x = Matrix<Double>(rows: layout.rowCount, cols: e)
      Initializer.normal.fill(x, using: &generator)
      let dFinal = Matrix<Double>(rows: batch, cols: h)
      Initializer.normal.fill(dFinal, using: &generator)

      // All sequences have T steps, so packed step t is rows t·B ..< (t + 1)·B.
      func ratio<Cell: RecurrentCell<Double>>(_ cell: Cell) -> Double {
        let layer = Recurrent(cell: cell)
        let cache = layer.forward(x, layout: layout).cache
        var grads = cell.parameters.zerosLike()
        let memory = cell.hasCellMemory ? Matrix<Double>(rows: batch, cols: h) : nil
        let dx = layer.backward(
          dOutput: nil, dFinal: CellState(h: dFinal, c: memory), cache: cache, into: &grads
        ).dInput
        let (first, last) = (
          dx.rows(0..<batch), dx.rows((Self.steps - 1) * batch..<Self.steps * batch)
        )
        return (first.dot(first) / last.dot(last)).squareRoot()
      }
      let elman = ratio(ElmanCell<Double>(inputSize: e, hiddenSize: h, using: &generator))
      let lstm = LSTMCell<Double>(inputSize: e, hiddenSize: h, using: &generator)
      let gru = GRUCell<Double>(inputSize: e, hiddenSize: h, using: &generator)
      let (lstmAsInitialised, gruAsInitialised) = (ratio(lstm), ratio(gru))
      for biases in [
        (lstm.parameters.biasIH, lstm.parameters.biasHH),
        (gru.parameters.biasIH, gru.parameters.biasHH),
      ] {
        Self.openKeepGate(biasIH: biases.0, biasHH: biases.1)
      }
      let (lstmOpen, gruOpen) = (ratio(lstm), ratio(gru))
      print(
        String(
          format:
            "‖dx_0‖/‖dx_T−1‖, T %d, seed %d: Elman %.1e; as initialised LSTM %.1e, GRU %.1e; keep gate open LSTM %.1e, GRU %.1e",
          Self.steps, seed, elman, lstmAsInitialised, gruAsInitialised, lstmOpen, gruOpen))
      XCTAssertLessThan(elman, 1e-12, "Elman, seed \(seed)")
      for (name, value) in [("LSTM", lstmAsInitialised), ("GRU", gruAsInitialised)] {
        XCTAssertGreaterThan(
          value, 1e-12, "\(name) as initialised, seed \(seed): slower than Elman")
        XCTAssertLessThan(value, 1e-8, "\(name) as initialised, seed \(seed): still vanishing")
      }
      for (name, value) in [("LSTM", lstmOpen), ("GRU", gruOpen)] {
        XCTAssertGreaterThan(value, 1e-2, "\(name) with the keep gate open, seed \(seed)")
      }
    }
  }

  /// The factory's unidirectional models (E 16, H 32, readout .final) trained by `TrainingStep`
  /// (Adam, lr 0.005, the default clip at 5) for 200 updates of 32 fresh sequences, then scored on
  /// 500 held-out ones. Measured at seeds 1–10: LSTM and GRU 100 % already after 100 updates;
  /// Elman 48.6–54.0 % after 200, and 47.2–50.2 % after 800 (seeds 1–6). 65 % is 6.7 standard
  /// errors of a 500-sequence score above chance. At lr 0.01 Elman broke out at 2 of 23 runs after
  /// 150–200 updates (Adam's steady steps grow U towards a spectral radius of 1), hence 0.005.
  /// As the factory initialises them (keep gates near 1/2), the gated cells do not learn the task
  /// within such a budget either: at lr 0.01 the LSTM stayed at chance for 600 updates even at
  /// 15–20 steps, and the GRU needed about 1000 updates at 40–60.
  func testLSTMAndGRULearnTheFirstTokenAndElmanDoesNot() throws {
    var heldOutGenerator = SplitMix64(seed: 999)
    let heldOut = Self.sequences(500, using: &heldOutGenerator)
    var accuracy = [ModelConfig.Cell: Double]()
    for cell: ModelConfig.Cell in [.lstm, .gru, .elman] {
      accuracy[cell] = try Self.heldOutAccuracy(cell, seed: 1, updates: 200, heldOut: heldOut)
    }
    let scores = accuracy.map { "\($0.rawValue) \($1)" }.sorted().joined(separator: ", ")
    print("first-token task, 40–60 steps, seed 1, held-out accuracy: \(scores)")
    XCTAssertGreaterThanOrEqual(accuracy[.lstm] ?? 0, 0.9, "LSTM")
    XCTAssertGreaterThanOrEqual(accuracy[.gru] ?? 0, 0.9, "GRU")
    XCTAssertLessThanOrEqual(accuracy[.elman] ?? 1, 0.65, "Elman")
  }

  /// Builds `cell`'s model from `seed`, opens its keep gate if it has one, trains it on fresh
  /// batches drawn from `seed`, and returns its accuracy on `heldOut`.
  static func heldOutAccuracy(
    _ cell: ModelConfig.Cell, seed: UInt64, updates: Int,
    heldOut: (sequences: [[Int32]], labels: [Int])
  ) throws -> Double {
    var config = ModelConfig()
    config.cell = cell
    config.activation = .tanh
    config.bidirectional = false
    config.layers = 1
    config.embeddingSize = embed
    config.hiddenSize = hidden
    config.vocabularySize = 12
    config.readout = .final
    config.dropout = 0
    var generator = SplitMix64(seed: seed)
    let model = ModelFactory.make(config, using: &generator)
    if cell == .lstm || cell == .gru {
      let named = Dictionary(
        uniqueKeysWithValues: model.parameters.namedTensors.map { ($0.name, $0.value) })
      let prefix = config.encoderName + "."
      guard let biasIH = named[prefix + "bias_ih_l0"], let biasHH = named[prefix + "bias_hh_l0"]
      else {
        throw MissingBias(names: Array(named.keys))
      }
      openKeepGate(biasIH: biasIH, biasHH: biasHH)
    }
    var training = TrainingConfig()
    training.learningRate = 0.005
    let step = TrainingStep(model: model, config: training)
    for _ in 0..<updates {
      let batch = sequences(32, using: &generator)
      try step.run(sequences: batch.sequences, labels: batch.labels, using: &generator)
    }
    let p = model.probabilities(of: heldOut.sequences)
    let correct = zip(p, heldOut.labels).filter { PredictedClass.of($0) == $1 }.count
    return Double(correct) / Double(heldOut.labels.count)
  }

  /// The model has no "<encoder>.bias_ih_l0" and "<encoder>.bias_hh_l0".
  struct MissingBias: Error {
    let names: [String]
  }

  /// Keep-gate block (columns H ..< 2H) of b_ih to `keepGateBias`, of b_hh to 0.
  private static func openKeepGate<T: Scalar>(biasIH: Matrix<T>, biasHH: Matrix<T>) {
    biasIH.columns(hidden..<2 * hidden).fill(T(keepGateBias))
    biasHH.columns(hidden..<2 * hidden).fill(0)
  }

  /// `count` sequences of the task with their labels: the marker 2 + label, then 39–59 noise ids.
  static func sequences(_ count: Int, using generator: inout SplitMix64)
    -> (sequences: [[Int32]], labels: [Int])
  {
    var sequences = [[Int32]]()
    var labels = [Int]()
    for _ in 0..<count {
      let label = Int.random(in: 0...1, using: &generator)
      let length = Int.random(in: 40...60, using: &generator)
      sequences.append(
        [Int32(2 + label)] + (1..<length).map { _ in Int32.random(in: 4..<12, using: &generator) })
      labels.append(label)
    }
    return (sequences, labels)
  }
}
