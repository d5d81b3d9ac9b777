/// The architecture of a sentiment classifier: everything needed to rebuild it before loading its
/// weights. Saved as part of a model folder's `config.json`.
public struct ModelConfig: Codable, Equatable, Sendable {
  /// The recurrent cell family.
  public enum Cell: String, Codable, CaseIterable, Sendable {
    /// h_t = σ(W x_t + U h_{t−1} + b) (SimpleRNN).
    case elman
    /// h_t = σ(W x_t + U y_{t−1} + b), y_t = σ(V h_t + b_y).
    case jordan
    /// Long short-term memory (options: peephole, coupled gates).
    case lstm
    /// Gated recurrent unit (reset after or before the recurrent product).
    case gru
  }

  /// Cell family.
  public var cell: Cell = .lstm
  /// σ of Elman and Jordan cells.
  public var activation: Activation = .tanh
  /// LSTM peephole connections (Gers & Schmidhuber 2000).
  public var peephole = false
  /// LSTM with f_t = 1 − i_t.
  public var coupledGates = false
  /// Added to the LSTM forget gate's input bias at initialisation (Keras' unit_forget_bias uses 1;
  /// PyTorch 0), so the cell starts by remembering and gradients survive long reviews.
  public var forgetBias = 1.0
  /// Where the GRU applies its reset gate.
  public var gruVariant: GRUVariant = .resetAfter
  /// Run each layer in both directions.
  public var bidirectional = true
  /// How the two directions combine.
  public var merge: MergeMode = .concat
  /// Stacked recurrent layers.
  public var layers = 1
  /// Embedding width E.
  public var embeddingSize = 128
  /// Hidden units H per direction.
  public var hiddenSize = 64
  /// Embedding rows: the vocabulary's ids including PAD (0) and OOV (1).
  public var vocabularySize = 20_002
  /// What the head reads.
  public var readout: Readout = .final
  /// Dropout before the head while training.
  public var dropout = 0.0
  /// Word-type dropout on the embedded input while training.
  public var wordDropout = 0.0
  /// Locked (per review) dropout on the encoder's input while training.
  public var inputDropout = 0.0
  /// Locked (per review) dropout on the encoder's per-step output while training.
  public var outputDropout = 0.0
  /// Dropout of the recurrent weights U while training (DropConnect).
  public var weightDropout = 0.0
  /// Outputs of the softmax head, one per class: `ModelFolderConfig.labels.count` (checked when
  /// a folder loads); 2 in a config.json written before classes were counted.
  public var classCount = 2

  /// The training-time dropouts, together.
  public var regularisation: Regularisation {
    var r = Regularisation()
    r.dropout = dropout
    r.wordDropout = wordDropout
    r.inputDropout = inputDropout
    r.outputDropout = outputDropout
    r.weightDropout = weightDropout
    return r
  }

  /// The defaults: a bidirectional LSTM, 128-wide embedding, 64 units a direction.
  public init() {}

  /// The encoder's module name in parameter names: PyTorch's for its own modules.
  public var encoderName: String {
    switch cell {
    case .elman: return "rnn"
    case .jordan: return "jordan"
    case .lstm: return "lstm"
    case .gru: return "gru"
    }
  }

  /// A short human name, e.g. "BiLSTM (peephole)".
  public var displayName: String {
    var name = bidirectional ? "Bi" : ""
    switch cell {
    case .elman: name += "Elman"
    case .jordan: name += "Jordan"
    case .lstm: name += "LSTM"
    case .gru: name += "GRU"
    }
    var notes = [String]()
    if cell == .elman || cell == .jordan, activation != .tanh { notes.append(activation.rawValue) }
    if cell == .lstm && peephole { notes.append("peephole") }
    if cell == .lstm && coupledGates { notes.append("coupled gates") }
    if cell == .gru && gruVariant == .resetBefore { notes.append("reset before") }
    if layers > 1 { notes.append("\(layers) layers") }
    return notes.isEmpty ? name : "\(name) (\(notes.joined(separator: ", ")))"
  }

  /// The most parameters a model may have: 2²⁷ (512 MiB of Float weights; training holds about
  /// four times that). The default BiLSTM has 2.7 million.
  public static let maxParameterCount = 1 << 27

  /// A description of what is wrong, or nil when the configuration can be built.
  public var problem: String? {
    if layers < 1 { return "layers must be at least 1, not \(layers)" }
    if embeddingSize < 1 { return "embedding size must be positive, not \(embeddingSize)" }
    if hiddenSize < 1 { return "hidden size must be positive, not \(hiddenSize)" }
    if vocabularySize < 3 { return "vocabulary size must be at least 3 (PAD, OOV and a word)" }
    if !forgetBias.isFinite { return "forget bias must be a finite number, not \(forgetBias)" }
    if classCount < 2 || classCount > 1 << 16 { return "class count must be 2 to 65536, not \(classCount)" }
    guard let count = parameterCount, count <= Self.maxParameterCount else {
      return "a model of \(layers) layers, embedding \(embeddingSize), hidden \(hiddenSize) and "
        + "\(vocabularySize) ids has \(parameterCount.map { "\($0)" } ?? "too many") parameters, "
        + "more than the \(Self.maxParameterCount) allowed"
    }
    return regularisation.problem
  }

  /// Every weight of the model this configuration builds, counted from the sizes alone (nothing
  /// is allocated), or nil when the count overflows: embedding V·E, each layer's cells (one or
  /// two directions) on its input width, and the head's C·F + C on the readout's F features
  /// for C classes.
  public var parameterCount: Int? {
    let h = hiddenSize
    // Per cell on input width i: W [G·H, i], U [G·H, H], two biases [G·H], plus extras.
    func cellCount(_ i: Int) -> Int? {
      let gates: Int
      var extra: Int? = 0
      switch cell {
      case .elman: gates = 1
      case .jordan:  // y = σ(V h + b_y), V [H, H], b_y [H]
        gates = 1
        extra = Self.sum([Self.product([h, h]), h])
      case .lstm:
        gates = coupledGates ? 3 : 4
        if peephole { extra = Self.product([coupledGates ? 2 : 3, h]) }
      case .gru: gates = 3
      }
      let rows = Self.product([gates, h])
      return Self.sum([Self.product([rows, i]), Self.product([rows, h]), Self.product([2, rows]), extra])
    }
    let directions = bidirectional ? 2 : 1
    guard let width = Self.product([bidirectional && merge == .concat ? 2 : 1, h]) else {
      return nil
    }
    var parts = [Self.product([vocabularySize, embeddingSize])]
    for layer in 0..<Swift.min(layers, 1 << 20) {
      parts.append(Self.product([directions, cellCount(layer == 0 ? embeddingSize : width)]))
    }
    // The head reads the readout: the final state and/or poolings of the output, each `width` wide.
    let features = Self.product([(readout.readsFinal ? 1 : 0) + readout.poolings.count, width])
    parts.append(Self.sum([Self.product([classCount, features]), classCount]))
    return layers > 1 << 20 ? nil : Self.sum(parts)
  }

  // Overflow-checked product and sum; nil propagates.
  private static func product(_ factors: [Int?]) -> Int? {
    factors.reduce(Int?(1)) { total, factor in
      guard let total, let factor else { return nil }
      let (value, overflow) = total.multipliedReportingOverflow(by: factor)
      return overflow ? nil : value
    }
  }

  private static func sum(_ terms: [Int?]) -> Int? {
    terms.reduce(Int?(0)) { total, term in
      guard let total, let term else { return nil }
      let (value, overflow) = total.addingReportingOverflow(term)
      return overflow ? nil : value
    }
  }
}

extension ModelConfig {
  /// Reads a configuration in which any field may be missing (a file written before the field
  /// existed, or by hand for an imported model): missing fields take their defaults.
  public init(from decoder: Decoder) throws {
    self.init()
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.update(&cell, .cell)
    try c.update(&activation, .activation)
    try c.update(&peephole, .peephole)
    try c.update(&coupledGates, .coupledGates)
    try c.update(&forgetBias, .forgetBias)
    try c.update(&gruVariant, .gruVariant)
    try c.update(&bidirectional, .bidirectional)
    try c.update(&merge, .merge)
    try c.update(&layers, .layers)
    try c.update(&embeddingSize, .embeddingSize)
    try c.update(&hiddenSize, .hiddenSize)
    try c.update(&vocabularySize, .vocabularySize)
    try c.update(&readout, .readout)
    try c.update(&dropout, .dropout)
    try c.update(&wordDropout, .wordDropout)
    try c.update(&inputDropout, .inputDropout)
    try c.update(&outputDropout, .outputDropout)
    try c.update(&weightDropout, .weightDropout)
    try c.update(&classCount, .classCount)
  }
}
