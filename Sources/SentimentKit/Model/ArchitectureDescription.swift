/// config.json's "architecture": the network of a `ModelConfig` in the words of `torch.nn`, for a
/// reader who never opens our code: the module and keyword arguments of each part, its
/// state_dict names, how reviews run through the encoder and which of its states the head reads.
/// Written from `ModelConfig` (and checked against it when read), never a second source of truth.
public struct ArchitectureDescription: Codable, Equatable, Sendable {
  /// `torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=0)`.
  public struct Embedding: Codable, Equatable, Sendable {
    /// "torch.nn.Embedding".
    public var module = "torch.nn.Embedding"
    /// Rows: the vocabulary's ids, `<pad>` and `<unk>` included.
    public var numEmbeddings: Int
    /// Width E.
    public var embeddingDim: Int
    /// The `<pad>` id (never fed: reviews are packed).
    public var paddingIdx = Int(Vocabulary.padID)
    /// The state_dict key.
    public var weight = "embedding.weight"
  }

  /// The recurrent encoder: `torch.nn.LSTM`, `GRU` or `RNN` with `batch_first=True`, or a cell
  /// torch.nn does not have (then `module` is nil and `note` says what it is).
  public struct Encoder: Codable, Equatable, Sendable {
    /// "torch.nn.LSTM", "torch.nn.GRU", "torch.nn.RNN", or nil.
    public var module: String?
    /// What the cell is when torch.nn has no such module, or how the directions merge when they
    /// are not concatenated; nil otherwise.
    public var note: String?
    /// I of the first layer: the embedding width.
    public var inputSize: Int
    /// H per direction.
    public var hiddenSize: Int
    /// Stacked layers (`num_layers`).
    public var numLayers: Int
    /// Both directions.
    public var bidirectional: Bool
    /// Always true: tensors are [batch, time, features].
    public var batchFirst = true
    /// `torch.nn.RNN`'s "tanh" or "relu"; nil for other cells.
    public var nonlinearity: String?
    /// Gate blocks of the weight rows, in order: "i, f, g, o" (LSTM), "r, z, n" (GRU).
    public var gates: String?
    /// The state_dict keys' prefix, e.g. "lstm." (then "weight_ih_l0", "bias_hh_l0_reverse", …).
    public var prefix: String
  }

  /// The head's input: which encoder states, concatenated in which order.
  public struct Readout: Codable, Equatable, Sendable {
    /// `ModelConfig.readout`: "final", "max", "mean" or "concat".
    public var mode: String
    /// The parts, in concatenation order: "final", then "max" and/or "mean".
    public var parts: [String]
    /// Columns of the head's input.
    public var width: Int
    /// What "final" is; nil when the head does not read it.
    public var final: String?
    /// What "max" and "mean" pool; nil when the head pools nothing.
    public var pooling: String?
  }

  /// `torch.nn.Linear(in_features, out_features)` on the readout; softmax over its outputs gives
  /// the probabilities of `id2label`'s classes in id order.
  public struct Head: Codable, Equatable, Sendable {
    /// "torch.nn.Linear".
    public var module = "torch.nn.Linear"
    /// The readout's width.
    public var inFeatures: Int
    /// One logit per class.
    public var outFeatures: Int
    /// The state_dict keys' prefix: "head." ("head.weight", "head.bias").
    public var prefix = "head."
  }

  /// One line: the whole network, as a PyTorch user would write it.
  public var summary: String
  /// The embedding.
  public var embedding: Embedding
  /// The recurrent layers.
  public var encoder: Encoder
  /// How a batch of reviews of different lengths runs through the encoder.
  public var sequences: String
  /// What the head reads.
  public var readout: Readout
  /// The classifier.
  public var head: Head

  /// How every model runs its batches: each review over its own tokens only.
  public static let packing =
    "packed: each review runs over its own tokens only, from zero initial states, as "
    + "torch.nn.utils.rnn.pack_padded_sequence(lengths, batch_first=True, enforce_sorted=False) "
    + "does; no padding step is ever computed, so padding never changes a result"

  /// The description of `model`, whose head scores `classes` classes.
  public init(_ model: ModelConfig, classes: Int) {
    let h = model.hiddenSize
    let directions = model.bidirectional ? 2 : 1
    // Wrapping products: a configuration too large to build is refused by `ModelConfig.problem`;
    // describing it (as reading does, to list the fields it knows) must not trap.
    let stepWidth = model.bidirectional && model.merge == .concat ? 2 &* h : h
    embedding = Embedding(numEmbeddings: model.vocabularySize, embeddingDim: model.embeddingSize)
    encoder = Self.encoder(model)
    let parts = (model.readout.readsFinal ? ["final"] : []) + model.readout.poolings.map(\.rawValue)
    let width = parts.count &* stepWidth
    let layer = model.layers > 1 ? "the top layer's " : ""
    let merged =
      model.bidirectional && model.merge != .concat ? ", the two merged by \(model.merge.rawValue)" : ""
    let final =
      !model.readout.readsFinal
      ? nil
      : directions == 2
        ? "\(layer)h after each review's last token (forward direction) ⊕ \(layer)h after "
          + "reading back to its first token (reverse direction): torch's h_n[-2] ⊕ h_n[-1]" + merged
        : "\(layer)h after each review's last token: torch's h_n[-1]"
    let pooling =
      model.readout.poolings.isEmpty
      ? nil
      : "over each review's own steps (never padding) of \(layer)output, "
        + (directions == 2
          ? "both directions' h at each step, merged as \(model.merge.rawValue)"
            + (model.merge == .concat ? " (forward ⊕ reverse)" : "") : "h at each step")
    readout = Readout(
      mode: model.readout.rawValue, parts: parts, width: width, final: final, pooling: pooling)
    head = Head(inFeatures: width, outFeatures: classes)
    sequences = Self.packing
    let module = encoder.module.map { String($0.dropFirst("torch.nn.".count)) } ?? model.displayName
    let arguments =
      "\(model.embeddingSize), \(h)" + (model.layers > 1 ? ", num_layers=\(model.layers)" : "")
      + (encoder.nonlinearity.map { $0 == "tanh" ? "" : ", nonlinearity='\($0)'" } ?? "")
      + (model.bidirectional ? ", bidirectional=True" : "") + ", batch_first=True"
    summary =
      "Embedding(\(model.vocabularySize), \(model.embeddingSize), padding_idx=0) → "
      + "\(module)(\(arguments)), packed → \(parts.joined(separator: " ⊕ ")) → "
      + "Linear(\(width), \(classes)) → softmax"
  }

  // The encoder's module, or the note saying why torch.nn has none.
  private static func encoder(_ model: ModelConfig) -> Encoder {
    var module: String?
    var note: String?
    var nonlinearity: String?
    var gates: String?
    switch model.cell {
    case .elman:
      nonlinearity = model.activation.rawValue
      if model.activation == .sigmoid {
        note = "an Elman RNN with σ = sigmoid (torch.nn.RNN offers tanh and relu only)"
      } else {
        module = "torch.nn.RNN"
      }
    case .jordan:
      note =
        "a Jordan network: h_t = σ(W x_t + U y_{t−1} + b), y_t = σ_y(V h_t + b_y) "
        + "(weight_ho, bias_ho); torch.nn has no such module"
    case .lstm:
      gates = model.coupledGates ? "i, g, o (f = 1 − i)" : "i, f, g, o"
      if model.peephole || model.coupledGates {
        note =
          "an LSTM with "
          + [
            model.peephole ? "peephole weights" : nil,
            model.coupledGates ? "coupled gates" : nil,
          ].compactMap { $0 }.joined(separator: " and ")
          + "; torch.nn.LSTM has neither"
      } else {
        module = "torch.nn.LSTM"
      }
    case .gru:
      gates = "r, z, n"
      if model.gruVariant == .resetBefore {
        note =
          "a GRU with the reset gate before the recurrent product, n = tanh(W_n x + b_in + "
          + "U_n (r ⊙ h) + b_hn) (Keras reset_after=False); torch.nn.GRU applies it after"
      } else {
        module = "torch.nn.GRU"
      }
    }
    if model.bidirectional && model.merge != .concat {
      let merge = "the two directions' h merged by \(model.merge.rawValue) at each step"
      note = note.map { "\($0); \(merge)" } ?? merge
    }
    return Encoder(
      module: module, note: note, inputSize: model.embeddingSize, hiddenSize: model.hiddenSize,
      numLayers: model.layers, bidirectional: model.bidirectional, nonlinearity: nonlinearity,
      gates: gates, prefix: model.encoderName + ".")
  }
}

extension ArchitectureDescription.Embedding {
  enum CodingKeys: String, CodingKey {
    case module, weight
    case numEmbeddings = "num_embeddings"
    case embeddingDim = "embedding_dim"
    case paddingIdx = "padding_idx"
  }
}

extension ArchitectureDescription.Encoder {
  enum CodingKeys: String, CodingKey {
    case module, note, nonlinearity, gates, prefix, bidirectional
    case inputSize = "input_size"
    case hiddenSize = "hidden_size"
    case numLayers = "num_layers"
    case batchFirst = "batch_first"
  }
}

extension ArchitectureDescription.Head {
  enum CodingKeys: String, CodingKey {
    case module, prefix
    case inFeatures = "in_features"
    case outFeatures = "out_features"
  }
}
