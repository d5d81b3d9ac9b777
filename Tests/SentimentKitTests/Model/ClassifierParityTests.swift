import Foundation
import SentimentKit
import XCTest

/// The whole classifier against PyTorch: every ../shared/parity file whose description starts with
/// "Embedding(" (today classifier_bilstm_adam.json, written by torch 2.15 in float64 with seed 1234,
/// as its `generator` field says). Such a file describes Embedding → (bi)directional recurrent
/// layer over the valid steps → h_n (both directions' side by side) → Linear(·, 2) → log_softmax,
/// loss the mean NLL, then one torch.optim.Adam step from zero moments. The model and the optimizer
/// settings are read from the description and the fields (vocab, embed, hidden, ids, lengths,
/// labels), never from the file name. Checked: log-probabilities, loss, every gradient, and every
/// parameter after the Adam step; in Double on a `Classifier` assembled by hand, and in Float on
/// the model `ModelFactory` builds, trained one step by `TrainingStep`.
final class ClassifierParityTests: XCTestCase {
  /// Relative and absolute tolerance: |a − e| ≤ absolute + relative·max(|a|, |e|).
  typealias Tolerance = (relative: Double, absolute: Double)

  /// Both sides compute in float64 and differ only in summation order (a few ulps, ~1e-16
  /// relative), so 1e-9 relative with a 1e-12 floor (for the exact zeros of unused embedding rows)
  /// is loose yet catches any formula error, as in `RecurrentParityTests`.
  ///
  /// After Adam, 1e-12 relative and absolute (as `AdamTests` uses on torch's own gradients): the
  /// first step moves a weight by lr·g/(|g| + ε) ≈ ±lr, and a gradient error δg moves that by about
  /// lr·ε·δg/g². The smallest |g| in the file is 2.7e-6 and δg ≲ 1e-9·|g| here, which bounds the
  /// effect by ~1e-15, far inside 1e-12; weights are O(0.5), so their own rounding is ~1e-16.
  func testDoubleClassifierMatchesPyTorch() throws {
    try checkEveryCase { parity, spec in
      try checkDouble(parity, spec, outputs: (1e-9, 1e-12), afterAdam: (1e-12, 1e-12))
    }
  }

  /// Float (ε ≈ 1.2e-7) against float64, as the parity README says for outputs: 1e-5 relative with
  /// a 1e-6 floor, for the log-probabilities, the loss and every parameter after the step. Weights
  /// are O(0.5), stored to ~3e-8; the step itself is ≈ ±lr = ±0.01 and inherits the gradients'
  /// float error only through lr·ε·δg/g² (≲ 1e-9 here, |g| ≥ 2.7e-6 with δg ≲ 1e-4·|g|).
  func testFloatModelFromTheFactoryTrainsLikePyTorch() throws {
    try checkEveryCase { parity, spec in
      try checkFloat(parity, spec, tolerance: (1e-5, 1e-6))
    }
  }

  /// What a classifier file's description and fields say.
  struct Spec {
    /// The architecture, as the model factory takes it (cell, directions, sizes, readout .final).
    let config: ModelConfig
    /// The token ids of each sequence, valid steps only, in the file's (unsorted) order.
    let sequences: [[Int32]]
    let labels: [Int]
    let adam: (learningRate: Double, beta1: Double, beta2: Double, epsilon: Double)

    /// nil when the description does not start with "Embedding("; throws when it names something
    /// this harness does not model, rather than compare against the wrong thing.
    init?(_ parity: ParityCase) throws {
      let text = parity.description
      guard text.hasPrefix("Embedding(") else { return nil }
      func unsupported(_ what: String) -> Error { ParityError.malformed(parity.name, what) }
      func captures(_ pattern: String) throws -> [String] {
        guard let match = text.firstMatch(of: try Regex(pattern)) else {
          throw unsupported("description has no \(pattern)")
        }
        return match.output.dropFirst().map { $0.substring.map(String.init) ?? "" }
      }
      func number(_ string: String) throws -> Double {
        guard let value = Double(string) else { throw unsupported("number '\(string)'") }
        return value
      }

      let (vocab, embed, hidden) = (
        try parity.int("vocab"), try parity.int("embed"), try parity.int("hidden")
      )
      let embedding = try captures(#"^Embedding\((\d+), (\d+), padding_idx=(\d+)\)"#)
      guard embedding == ["\(vocab)", "\(embed)", "0"] else {
        throw unsupported("Embedding\(embedding) vs vocab \(vocab), embed \(embed), padding_idx 0")
      }
      let encoder = try captures(#"-> (bidirectional )?(LSTM|GRU|RNN)\((\d+) -> (\d+)\)"#)
      guard encoder[2] == "\(embed)", encoder[3] == "\(hidden)" else {
        throw unsupported("encoder sizes \(encoder[2]) -> \(encoder[3])")
      }
      let bidirectional = !encoder[0].isEmpty
      // The head reads h_n (forward direction first when there are two), and the loss is the mean
      // NLL of log_softmax.
      _ = try captures(
        #"h_n[^>]*-> Linear\([^)]*, 2\) -> log_softmax; loss = mean negative log-likelihood"#)
      if bidirectional { _ = try captures(#"concat\(h_n forward, h_n reverse\)"#) }
      guard !text.contains("weight_decay=") else { throw unsupported("weight decay") }
      let rate = try captures(
        #"Adam step \(lr=([0-9.eE+-]+), betas=\(([0-9.eE+-]+), ?([0-9.eE+-]+)\), eps=([0-9.eE+-]+)"#
      )

      var config = ModelConfig()
      let cells: [String: ModelConfig.Cell] = ["LSTM": .lstm, "GRU": .gru, "RNN": .elman]
      guard let cell = cells[encoder[1]] else { throw unsupported(encoder[1]) }
      config.cell = cell
      config.activation = .tanh
      config.gruVariant = .resetAfter  // torch.nn.GRU
      config.bidirectional = bidirectional
      config.merge = .concat
      config.layers = 1
      config.vocabularySize = vocab
      config.embeddingSize = embed
      config.hiddenSize = hidden
      config.readout = .final
      config.dropout = 0
      self.config = config

      let (ids, lengths) = (parity.json["ids"] as? [[Int]], try parity.ints("lengths"))
      guard let ids, ids.count == lengths.count else { throw unsupported("ids") }
      // Padding comes after each sequence: its first `length` ids are the sequence.
      sequences = zip(ids, lengths).map { row, length in row.prefix(length).map { Int32($0) } }
      labels = try parity.ints("labels")
      adam = (try number(rate[0]), try number(rate[1]), try number(rate[2]), try number(rate[3]))
    }
  }

  /// Runs `check` on every classifier file; a file that cannot be read or modelled fails on its
  /// own and the others are still checked.
  private func checkEveryCase(_ check: (ParityCase, Spec) throws -> Void) throws {
    var checked = 0
    for parity in try ParityCase.all() {
      do {
        guard let spec = try Spec(parity) else { continue }
        try check(parity, spec)
        checked += 1
      } catch {
        XCTFail("\(parity.name): \(error)")
      }
    }
    XCTAssertGreaterThan(checked, 0, "no \"Embedding(\" case in the parity folder")
  }

  // MARK: Double, a Classifier assembled by hand

  private func checkDouble(
    _ parity: ParityCase, _ spec: Spec, outputs: Tolerance, afterAdam: Tolerance
  ) throws {
    let (i, h) = (spec.config.embeddingSize, spec.config.hiddenSize)
    switch spec.config.cell {
    case .lstm:
      try checkDouble(parity, spec, outputs, afterAdam) {
        LSTMCell<Double>(inputSize: i, hiddenSize: h)
      }
    case .gru:
      try checkDouble(parity, spec, outputs, afterAdam) {
        GRUCell<Double>(inputSize: i, hiddenSize: h, variant: .resetAfter)
      }
    case .elman:
      try checkDouble(parity, spec, outputs, afterAdam) {
        ElmanCell<Double>(inputSize: i, hiddenSize: h, activation: .tanh)
      }
    case .jordan:
      throw ParityError.malformed(parity.name, "Jordan has no PyTorch twin")
    }
  }

  /// One or two directions of `make()` cells between a zero embedding and a zero head.
  private func checkDouble<Cell: RecurrentCell<Double>>(
    _ parity: ParityCase, _ spec: Spec, _ outputs: Tolerance, _ afterAdam: Tolerance,
    make: () -> Cell
  ) throws {
    let config = spec.config
    let embedding = Embedding<Double>(
      vocabularySize: config.vocabularySize, embeddingSize: config.embeddingSize, paddingIndex: 0)
    func classifier<E: SequenceEncoder<Double>>(_ encoder: E) -> Classifier<E> {
      Classifier(
        embedding: embedding, encoder: encoder,
        head: Dense(inputSize: encoder.finalSize, outputSize: 2), readout: .final,
        encoderName: config.encoderName)
    }
    if config.bidirectional {
      try checkDouble(
        classifier(Bidirectional(forward: make(), reverse: make())), parity, spec, outputs,
        afterAdam)
    } else {
      try checkDouble(classifier(Recurrent(cell: make())), parity, spec, outputs, afterAdam)
    }
  }

  private func checkDouble<E: SequenceEncoder<Double>>(
    _ classifier: Classifier<E>, _ parity: ParityCase, _ spec: Spec, _ outputs: Tolerance,
    _ afterAdam: Tolerance
  ) throws {
    let parameters = classifier.parameters
    try load(parameters, from: parity)
    var grads = parameters.zerosLike()
    var generator = SplitMix64(seed: 0)  // dropout 0: never drawn from
    let outcome = classifier.accumulateGradients(
      sequences: spec.sequences, labels: spec.labels, into: &grads, using: &generator)

    var deviation = Deviation()
    func compare(
      _ actual: Matrix<Double>, _ expected: Matrix<Double>, _ what: String, _ tolerance: Tolerance
    ) {
      deviation.include(
        assertClose(
          actual, expected, relative: tolerance.relative, absolute: tolerance.absolute,
          "\(parity.name) Double \(what)"))
    }
    compare(logProbabilities(outcome), try parity.matrix("log_probs"), "log_probs", outputs)
    compare(scalar(outcome.loss), scalar(try parity.double("loss")), "loss", outputs)
    XCTAssertEqual(
      grads.namedTensors.map(\.name).sorted(), parity.keys("grad").sorted(),
      "\(parity.name) gradient names")
    for t in grads.namedTensors {
      compare(t.value, try parity.matrix("grad", t.name), "d\(t.name)", outputs)
    }
    print("parity \(parity.name) Double: log_probs, loss, gradients \(deviation)")

    var adam = Adam(
      for: parameters, learningRate: spec.adam.learningRate, beta1: spec.adam.beta1,
      beta2: spec.adam.beta2, epsilon: spec.adam.epsilon)
    adam.update(parameters, along: grads)
    deviation = Deviation()
    for t in parameters.namedTensors {
      compare(t.value, try parity.matrix("after_adam", t.name), "after_adam \(t.name)", afterAdam)
    }
    print("parity \(parity.name) Double: after_adam \(deviation)")
  }

  // MARK: Float, the factory's model trained by TrainingStep

  private func checkFloat(_ parity: ParityCase, _ spec: Spec, tolerance: Tolerance) throws {
    // TrainingStep builds Adam with torch's default β and ε; only the rate is configurable.
    guard spec.adam.beta1 == 0.9, spec.adam.beta2 == 0.999, spec.adam.epsilon == 1e-8 else {
      throw ParityError.malformed(
        parity.name, "Adam β or ε other than TrainingStep's (torch's defaults)")
    }
    var generator = SplitMix64(seed: 1)
    let model = ModelFactory.make(spec.config, using: &generator)
    try load(model.parameters, from: parity)
    var training = TrainingConfig()
    training.optimizer = .adam
    training.learningRate = spec.adam.learningRate
    training.weightDecay = 0
    training.clipNorm = nil
    training.schedule = .constant
    let step = TrainingStep(model: model, config: training)
    let outcome = try step.run(sequences: spec.sequences, labels: spec.labels, using: &generator)

    var deviation = Deviation()
    func compare(_ actual: Matrix<Double>, _ expected: Matrix<Double>, _ what: String) {
      deviation.include(
        assertClose(
          actual, expected, relative: tolerance.relative, absolute: tolerance.absolute,
          "\(parity.name) Float \(what)"))
    }
    compare(logProbabilities(outcome), try parity.matrix("log_probs"), "log_probs")
    compare(scalar(outcome.loss), scalar(try parity.double("loss")), "loss")
    XCTAssertEqual(step.updates, 1)
    for t in model.parameters.namedTensors {
      let actual = Matrix(
        rows: t.value.rows, cols: t.value.cols, data: t.value.scalars.map(Double.init))
      compare(actual, try parity.matrix("after_adam", t.name), "after_adam \(t.name)")
    }
    print("parity \(parity.name) Float (factory + TrainingStep): \(deviation)")
  }

  // MARK: Helpers

  /// Copies the file's "weights" into `parameters` by name, after checking that both have the
  /// same names.
  private func load<P: ParameterSet>(_ parameters: P, from parity: ParityCase) throws {
    let tensors = parameters.namedTensors
    XCTAssertEqual(
      tensors.map(\.name).sorted(), parity.keys("weights").sorted(), "\(parity.name) weight names")
    for t in tensors {
      let values = try parity.tensor("weights", t.name)
      XCTAssertEqual(values.shape, t.shape, "\(parity.name) \(t.name) shape")
      t.value.assign(
        Matrix(rows: t.value.rows, cols: t.value.cols, data: values.data.map { P.T($0) }))
    }
  }

  /// [B, 2] log-probabilities (neg, pos) in the caller's order, from p(pos): [log(1 − p), log p].
  /// The classifier computes p = exp(log p(pos)) from its own log-softmax, so log p comes back to
  /// within an ulp, and log(1 − p) (as log1p(−p)) to within ~1e-16/(1 − p): p ≈ 0.3–0.7 here.
  private func logProbabilities(_ outcome: BatchOutcome) -> Matrix<Double> {
    let p = outcome.probabilities
    return Matrix(rows: p.count, cols: 2, data: p.flatMap { [log1p(-$0), log($0)] })
  }

  private func scalar(_ x: Double) -> Matrix<Double> { Matrix(rows: 1, cols: 1, data: [x]) }
}
