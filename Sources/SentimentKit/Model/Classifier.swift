/// The many-to-one sentiment model: Embedding → recurrent encoder → readout → (dropout) → Dense(2)
/// → log-softmax. Reviews arrive as token-id sequences in any order and of any lengths ≥ 1; they
/// are packed (see `PackedLayout`) so that padding costs nothing.
public struct Classifier<Encoder: SequenceEncoder> {
  /// The scalar type.
  public typealias T = Encoder.T

  /// Token ids → vectors.
  public var embedding: Embedding<T>
  /// The recurrent layers.
  public var encoder: Encoder
  /// Features → two logits (neg, pos).
  public var head: Dense<T>
  /// Which encoder output the head reads.
  public let readout: Readout
  /// Applied to the readout while training.
  public let dropout: Dropout<T>
  /// The encoder's module name in parameter names ("lstm", "gru", "rnn", "jordan").
  public let encoderName: String

  /// A classifier from its parts; the head must read `encoder`'s readout width.
  public init(
    embedding: Embedding<T>, encoder: Encoder, head: Dense<T>, readout: Readout = .final,
    dropout: Double = 0, encoderName: String
  ) {
    precondition(embedding.embeddingSize == encoder.inputSize, "embedding width ≠ encoder input")
    let width = readout == .final ? encoder.finalSize : encoder.outputSize
    precondition(head.inputSize == width && head.outputSize == 2, "head must map \(width) → 2")
    self.embedding = embedding
    self.encoder = encoder
    self.head = head
    self.readout = readout
    self.dropout = Dropout(probability: dropout)
    self.encoderName = encoderName
  }

  /// All weights, named.
  public var parameters: ClassifierParameters<Encoder> {
    get {
      ClassifierParameters(
        embedding: embedding.parameters, encoder: encoder.parameters, head: head.parameters,
        encoderName: encoderName)
    }
    set {
      embedding.parameters = newValue.embedding
      encoder.parameters = newValue.encoder
      head.parameters = newValue.head
    }
  }

  /// Forward and backward for one labelled batch: adds dL/dθ of the mean NLL into `grads`.
  /// `generator` draws the dropout mask.
  public func accumulateGradients<G: RandomNumberGenerator>(
    sequences: [[Int32]], labels: [Int], into grads: inout ClassifierParameters<Encoder>,
    using generator: inout G
  ) -> BatchOutcome {
    precondition(sequences.count == labels.count, "one label per sequence")
    let layout = PackedLayout(lengths: sequences.map(\.count))
    let ids = Self.pack(sequences, layout)
    let (embedded, embeddingCache) = embedding.forward(ids)
    let (output, final, encoderCache) = encoder.encode(embedded, layout: layout)
    let (features, poolingCache) = read(output: output, final: final, layout: layout)
    let (dropped, dropoutCache) = dropout.forward(features, using: &generator)
    let (logits, headCache) = head.forward(dropped)
    let sortedLabels = layout.order.map { labels[$0] }
    let (loss, logProbabilities, dLogits) = SoftmaxHead.crossEntropy(logits: logits, labels: sortedLabels)

    var headGrads = grads.head
    var encoderGrads = grads.encoder
    var embeddingGrads = grads.embedding
    var noGrads = dropout.parameters
    let dDropped = head.backward(dLogits, cache: headCache, into: &headGrads)
    let dFeatures = dropout.backward(dDropped, cache: dropoutCache, into: &noGrads)
    let dEmbedded: Matrix<T>
    if let poolingCache {
      let dOutput = SequencePooling(poolingMode).backward(dFeatures, cache: poolingCache)
      dEmbedded = encoder.backward(dOutput: dOutput, dFinal: nil, cache: encoderCache, into: &encoderGrads)
    } else {
      dEmbedded = encoder.backward(dOutput: nil, dFinal: dFeatures, cache: encoderCache, into: &encoderGrads)
    }
    embedding.backward(dEmbedded, cache: embeddingCache, into: &embeddingGrads)

    let probabilities = Self.positiveProbabilities(logProbabilities, layout)
    let correct = zip(probabilities, labels).filter { ($0 >= 0.5 ? 1 : 0) == $1 }.count
    return BatchOutcome(loss: Double(loss), correct: correct, probabilities: probabilities)
  }

  /// p(pos) for each sequence, in the caller's order (inference: no dropout).
  public func probabilities(of sequences: [[Int32]]) -> [Double] {
    let layout = PackedLayout(lengths: sequences.map(\.count))
    let (embedded, _) = embedding.forward(Self.pack(sequences, layout))
    let (output, final, _) = encoder.encode(embedded, layout: layout)
    let (features, _) = read(output: output, final: final, layout: layout)
    let (logits, _) = head.forward(features)
    return Self.positiveProbabilities(SoftmaxHead.logSoftmax(logits), layout)
  }

  private var poolingMode: SequencePooling.Mode { readout == .max ? .max : .mean }

  /// The head's input [B, F] in sorted order, and the pooling cache when pooled.
  private func read(output: Matrix<T>, final: Matrix<T>, layout: PackedLayout)
    -> (Matrix<T>, SequencePooling.Cache?)
  {
    guard readout != .final else { return (final, nil) }
    let (pooled, cache) = SequencePooling(poolingMode).forward(output, layout: layout)
    return (pooled, cache)
  }

  /// Token ids in packed order: step by step, the active sequences in sorted order.
  static func pack(_ sequences: [[Int32]], _ layout: PackedLayout) -> [Int32] {
    var ids = [Int32]()
    ids.reserveCapacity(layout.rowCount)
    for t in 0..<layout.steps {
      for k in 0..<layout.batchSizes[t] { ids.append(sequences[layout.order[k]][t]) }
    }
    return ids
  }

  /// exp(log p(pos)) per sequence, back in the caller's order.
  static func positiveProbabilities(_ logProbabilities: Matrix<T>, _ layout: PackedLayout) -> [Double] {
    var result = [Double](repeating: 0, count: layout.batchSize)
    for k in 0..<layout.batchSize {
      result[layout.order[k]] = Double(T.exp(logProbabilities[k, 1]))
    }
    return result
  }
}
