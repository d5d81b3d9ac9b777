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
  /// `generator` draws the dropout mask. When the encoder leaves cores idle (one direction on
  /// two cores), the reviews are dealt into parts, one per core, that run through the embedding
  /// and encoder at once; the head and loss see the whole batch, and the parts' encoder
  /// gradients are summed: ∂L/∂θ = Σ_parts ∂L/∂θ|part, since L's rows are independent given θ.
  public func accumulateGradients<G: RandomNumberGenerator>(
    sequences: [[Int32]], labels: [Int], into grads: inout ClassifierParameters<Encoder>,
    using generator: inout G
  ) -> BatchOutcome {
    precondition(sequences.count == labels.count, "one label per sequence")
    let parts = partition(sequences)
    let passes = Parallel.map(parts.count) { k in encode(parts[k].map { sequences[$0] }) }
    // Row r of the features is review rows[r] (caller's index): part by part, sorted order.
    let rows = zip(parts, passes).flatMap { members, pass in pass.layout.order.map { members[$0] } }
    let features = Self.stack(passes.map(\.features))
    let (dropped, dropoutCache) = dropout.forward(features, using: &generator)
    let (logits, headCache) = head.forward(dropped)
    let (loss, logProbabilities, dLogits) = SoftmaxHead.crossEntropy(
      logits: logits, labels: rows.map { labels[$0] })

    var headGrads = grads.head
    var noGrads = dropout.parameters
    let dDropped = head.backward(dLogits, cache: headCache, into: &headGrads)
    let dFeatures = dropout.backward(dDropped, cache: dropoutCache, into: &noGrads)
    let partGrads = [grads.encoder] + parts.dropFirst().map { _ in grads.encoder.zerosLike() }
    let starts = passes.reduce(into: [0]) { $0.append($0.last! + $1.layout.batchSize) }
    let dEmbedded = Parallel.map(parts.count) { k in
      var target = partGrads[k]
      return backward(passes[k], dFeatures.rows(starts[k]..<starts[k + 1]), into: &target)
    }
    for extra in partGrads.dropFirst() { grads.encoder.add(extra) }
    var embeddingGrads = grads.embedding
    for (pass, d) in zip(passes, dEmbedded) {
      embedding.backward(d, cache: pass.embeddingCache, into: &embeddingGrads)
    }

    var probabilities = [Double](repeating: 0, count: sequences.count)
    for (r, index) in rows.enumerated() {
      probabilities[index] = Double(T.exp(logProbabilities[r, 1]))
    }
    let correct = zip(probabilities, labels).filter { ($0 >= 0.5 ? 1 : 0) == $1 }.count
    return BatchOutcome(loss: Double(loss), correct: correct, probabilities: probabilities)
  }

  /// p(pos) for each sequence, in the caller's order (inference: no dropout); in parts, one per
  /// idle core, as training.
  public func probabilities(of sequences: [[Int32]]) -> [Double] {
    let parts = partition(sequences)
    let partProbabilities = Parallel.map(parts.count) { k in
      let part = parts[k].map { sequences[$0] }
      let layout = PackedLayout(lengths: part.map(\.count))
      let (embedded, _) = embedding.forward(Self.pack(part, layout))
      let features =
        readout == .final
        ? encoder.summarize(embedded, layout: layout)
        : { let (output, final, _) = encoder.encode(embedded, layout: layout)
            return read(output: output, final: final, layout: layout).0 }()
      let (logits, _) = head.forward(features)
      return Self.positiveProbabilities(SoftmaxHead.logSoftmax(logits), layout)
    }
    var result = [Double](repeating: 0, count: sequences.count)
    for (members, p) in zip(parts, partProbabilities) {
      for (index, probability) in zip(members, p) { result[index] = probability }
    }
    return result
  }

  /// One part of a batch through the embedding and encoder: what the head reads and what
  /// backward needs.
  private struct Pass {
    let layout: PackedLayout
    let embeddingCache: Embedding<T>.Cache
    let encoderCache: Encoder.Cache
    let poolingCache: SequencePooling.Cache?
    let features: Matrix<T>  // [B_part, F], the part's sorted order
  }

  private func encode(_ sequences: [[Int32]]) -> Pass {
    let layout = PackedLayout(lengths: sequences.map(\.count))
    let (embedded, embeddingCache) = embedding.forward(Self.pack(sequences, layout))
    let (output, final, encoderCache) = encoder.encode(
      embedded, layout: layout, keepingOutput: readout != .final)
    let (features, poolingCache) = read(output: output, final: final, layout: layout)
    return Pass(
      layout: layout, embeddingCache: embeddingCache, encoderCache: encoderCache,
      poolingCache: poolingCache, features: features)
  }

  /// dL/d(embedded) of one part from dL/d(its features); encoder gradients into `grads`.
  private func backward(_ pass: Pass, _ dFeatures: Matrix<T>, into grads: inout Encoder.Parameters)
    -> Matrix<T>
  {
    guard let poolingCache = pass.poolingCache else {
      return encoder.backward(
        dOutput: nil, dFinal: dFeatures, cache: pass.encoderCache, into: &grads)
    }
    let dOutput = SequencePooling(poolingMode).backward(dFeatures, cache: poolingCache)
    return encoder.backward(dOutput: dOutput, dFinal: nil, cache: pass.encoderCache, into: &grads)
  }

  /// The callers' indices of each part: one part, or (when cores would idle) the reviews dealt
  /// longest first in turn to one part per idle core, so the parts' work is about equal.
  private func partition(_ sequences: [[Int32]]) -> [[Int]] {
    let count = min(sequences.count, max(1, Parallel.width / encoder.concurrency))
    guard count > 1 else { return [Array(sequences.indices)] }
    let longestFirst = sequences.indices.sorted {
      (sequences[$0].count, $1) > (sequences[$1].count, $0)  // longer first, then by index
    }
    return (0..<count).map { k in
      stride(from: k, to: longestFirst.count, by: count).map { longestFirst[$0] }
    }
  }

  /// The parts' rows one after another (the one part itself when there is one).
  private static func stack(_ parts: [Matrix<T>]) -> Matrix<T> {
    guard parts.count > 1 else { return parts[0] }
    let stacked = Matrix<T>(rows: parts.reduce(0) { $0 + $1.rows }, cols: parts[0].cols)
    var row = 0
    for part in parts {
      stacked.rows(row..<row + part.rows).assign(part)
      row += part.rows
    }
    return stacked
  }

  private var poolingMode: SequencePooling.Mode { readout == .max ? .max : .mean }

  /// The head's input [B, F] in sorted order, and the pooling cache when pooled (the output is
  /// needed then only).
  private func read(output: Matrix<T>?, final: Matrix<T>, layout: PackedLayout)
    -> (Matrix<T>, SequencePooling.Cache?)
  {
    guard readout != .final else { return (final, nil) }
    guard let output else { preconditionFailure("a pooled readout keeps the encoder output") }
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
