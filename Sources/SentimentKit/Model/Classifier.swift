/// The many-to-one sentiment model: Embedding → (word and locked input dropout) → recurrent
/// encoder (weight-dropped U) → (locked output dropout) → readout → (dropout) → Dense(C) →
/// log-softmax. Reviews arrive as token-id sequences in any order and of any lengths ≥ 1; they
/// are packed (see `PackedLayout`) so that padding costs nothing. The dropouts act in training
/// only (see `Regularisation`).
public struct Classifier<Encoder: SequenceEncoder>: EmbeddingEncoderHead {
  /// The scalar type.
  public typealias T = Encoder.T

  /// Token ids → vectors.
  public var embedding: Embedding<T>
  /// The recurrent layers.
  public var encoder: Encoder
  /// Features → one logit per class (C ≥ 2; binary: neg, pos).
  public var head: Dense<T>
  /// Which encoder outputs the head reads.
  public let readout: Readout
  /// The training-time dropouts.
  public let regularisation: Regularisation
  /// The encoder's module name in parameter names ("lstm", "gru", "rnn", "jordan").
  public let encoderName: String
  private let dropout: Dropout<T>
  private let inputDropout: SequenceDropout<T>
  private let outputDropout: SequenceDropout<T>

  /// A classifier from its parts; the head must read `readout`'s width of `encoder`.
  public init(
    embedding: Embedding<T>, encoder: Encoder, head: Dense<T>, readout: Readout = .final,
    regularisation: Regularisation = Regularisation(), encoderName: String
  ) {
    precondition(embedding.embeddingSize == encoder.inputSize, "embedding width ≠ encoder input")
    let width = readout.width(finalSize: encoder.finalSize, outputSize: encoder.outputSize)
    precondition(head.inputSize == width && head.outputSize >= 2, "head must map \(width) → C ≥ 2")
    precondition(regularisation.problem == nil, regularisation.problem ?? "")
    self.embedding = embedding
    self.encoder = encoder
    self.head = head
    self.readout = readout
    self.regularisation = regularisation
    self.encoderName = encoderName
    dropout = Dropout(probability: regularisation.dropout)
    inputDropout = SequenceDropout(word: regularisation.wordDropout, locked: regularisation.inputDropout)
    outputDropout = SequenceDropout(
      locked: readout.poolings.isEmpty ? 0 : regularisation.outputDropout)
  }

  /// Forward and backward for one labelled batch: adds dL/dθ of the mean NLL (weighted per class
  /// by `classWeights` when given, see `SoftmaxHead`) into `grads`.
  /// `generator` draws the dropout masks (weight dropout first, then one seed per part, then the
  /// head's dropout). When the encoder leaves cores idle (one direction on two cores), the
  /// reviews are dealt into parts, one per core, that run through the embedding and encoder at
  /// once; the head and loss see the whole batch, and the parts' encoder gradients are summed:
  /// ∂L/∂θ = Σ_parts ∂L/∂θ|part, since L's rows are independent given θ.
  public func accumulateGradients<G: RandomNumberGenerator>(
    sequences: [[Int32]], labels: [Int], classWeights: [T]? = nil,
    into grads: inout ClassifierParameters<Encoder>, using generator: inout G
  ) -> BatchOutcome {
    precondition(sequences.count == labels.count, "one label per sequence")
    let weightDrop = WeightDropout(
      probability: regularisation.weightDropout, weights: recurrentWeights(encoder.parameters),
      using: &generator)
    let gradientsBefore = weightDrop.map { $0.snapshot(recurrentWeights(grads.encoder)) }
    defer { weightDrop?.restore() }
    let parts = partition(sequences)
    let drawsPerStep = !inputDropout.isIdentity || !outputDropout.isIdentity
    let seeds = parts.map { _ in drawsPerStep ? generator.next() : 0 }
    let passes = Parallel.map(parts.count) { k in
      var partGenerator = SplitMix64(seed: seeds[k])
      return encode(parts[k].map { sequences[$0] }, using: &partGenerator)
    }
    // Row r of the features is review rows[r] (caller's index): part by part, sorted order.
    let rows = zip(parts, passes).flatMap { members, pass in pass.layout.order.map { members[$0] } }
    let features = Self.stack(passes.map(\.features))
    let (dropped, dropoutCache) = dropout.forward(features, using: &generator)
    let (logits, headCache) = head.forward(dropped)
    let (loss, logProbabilities, dLogits) = SoftmaxHead.crossEntropy(
      logits: logits, labels: rows.map { labels[$0] }, classWeights: classWeights)

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
    if let weightDrop, let gradientsBefore {
      weightDrop.maskGradients(recurrentWeights(grads.encoder), since: gradientsBefore)
    }
    var embeddingGrads = grads.embedding
    for (pass, d) in zip(passes, dEmbedded) {
      embedding.backward(d, cache: pass.embeddingCache, into: &embeddingGrads)
    }

    var probabilities = [[Double]](repeating: [], count: sequences.count)
    for (r, index) in rows.enumerated() {
      probabilities[index] = (0..<logProbabilities.cols).map { Double(T.exp(logProbabilities[r, $0])) }
    }
    let correct = zip(probabilities, labels).filter { PredictedClass.of($0) == $1 }.count
    return BatchOutcome(loss: Double(loss), correct: correct, probabilities: probabilities)
  }

  /// The class probabilities of each sequence, in the caller's order (inference: no dropout);
  /// in parts, one per idle core, as training.
  public func probabilities(of sequences: [[Int32]]) -> [[Double]] {
    let parts = partition(sequences)
    let partProbabilities = Parallel.map(parts.count) { k in
      let part = parts[k].map { sequences[$0] }
      let layout = PackedLayout(lengths: part.map(\.count))
      let (embedded, _) = embedding.forward(layout.packing(part))
      let features =
        readout == .final
        ? encoder.summarize(embedded, layout: layout)
        : { let (output, final, _) = encoder.encode(embedded, layout: layout)
            return read(output: output, final: final, layout: layout).features }()
      let (logits, _) = head.forward(features)
      return Self.classProbabilities(SoftmaxHead.logSoftmax(logits), layout)
    }
    var result = [[Double]](repeating: [], count: sequences.count)
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
    let inputDropoutCache: SequenceDropout<T>.Cache
    let encoderCache: Encoder.Cache
    let outputDropoutCache: SequenceDropout<T>.Cache
    let poolingCaches: [SequencePooling.Cache]  // one per `readout.poolings`
    let features: Matrix<T>  // [B_part, F], the part's sorted order
  }

  private func encode(_ sequences: [[Int32]], using generator: inout SplitMix64) -> Pass {
    let layout = PackedLayout(lengths: sequences.map(\.count))
    let ids = layout.packing(sequences)
    let (embedded, embeddingCache) = embedding.forward(ids)
    let (input, inputDropoutCache) = inputDropout.forward(
      embedded, ids: ids, layout: layout, using: &generator)
    let (output, final, encoderCache) = encoder.encode(
      input, layout: layout, keepingOutput: readout != .final)
    var outputDropoutCache = SequenceDropout<T>.Cache(mask: nil)
    var droppedOutput = output
    if let output {
      (droppedOutput, outputDropoutCache) = outputDropout.forward(
        output, ids: [], layout: layout, using: &generator)
    }
    let (features, poolingCaches) = read(output: droppedOutput, final: final, layout: layout)
    return Pass(
      layout: layout, embeddingCache: embeddingCache, inputDropoutCache: inputDropoutCache,
      encoderCache: encoderCache, outputDropoutCache: outputDropoutCache,
      poolingCaches: poolingCaches, features: features)
  }

  // Backward of the readout: the features are [final | pool_1(output) | pool_2(output) …], so
  //   dFinal = dF[:, final columns];   dOutput = Σ_i pool_iᵀ(dF[:, pool_i columns])
  /// dL/d(embedded) of one part from dL/d(its features); encoder gradients into `grads`.
  private func backward(_ pass: Pass, _ dFeatures: Matrix<T>, into grads: inout Encoder.Parameters)
    -> Matrix<T>
  {
    let finalWidth = readout.readsFinal ? encoder.finalSize : 0
    let dFinal = readout.readsFinal ? dFeatures.columns(0..<finalWidth).copy() : nil
    var dOutput: Matrix<T>?
    for (i, (mode, cache)) in zip(readout.poolings, pass.poolingCaches).enumerated() {
      let start = finalWidth + i * encoder.outputSize
      let part = SequencePooling(mode).backward(
        dFeatures.columns(start..<start + encoder.outputSize).copy(), cache: cache)
      if let sum = dOutput { sum.add(part) } else { dOutput = part }
    }
    dOutput = dOutput.map { outputDropout.backward($0, cache: pass.outputDropoutCache) }
    let dInput = encoder.backward(
      dOutput: dOutput, dFinal: dFinal, cache: pass.encoderCache, into: &grads)
    return inputDropout.backward(dInput, cache: pass.inputDropoutCache)
  }

  /// The encoder's recurrent weights U (every "weight_hh…" tensor), which weight dropout masks.
  private func recurrentWeights(_ parameters: Encoder.Parameters) -> [Matrix<T>] {
    parameters.namedTensors.filter { $0.name.contains("weight_hh") }.map(\.value)
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

  /// The head's input [B, F] in sorted order: [final | pool_1(output) | …] as `readout` says,
  /// and the poolings' caches (the output is needed only when the readout pools).
  private func read(output: Matrix<T>?, final: Matrix<T>, layout: PackedLayout)
    -> (features: Matrix<T>, caches: [SequencePooling.Cache])
  {
    guard !readout.poolings.isEmpty else { return (final, []) }
    guard let output else { preconditionFailure("a pooled readout keeps the encoder output") }
    let pooled = readout.poolings.map { SequencePooling($0).forward(output, layout: layout) }
    let parts = (readout.readsFinal ? [final] : []) + pooled.map(\.pooled)
    guard parts.count > 1 else { return (parts[0], pooled.map(\.cache)) }
    let features = Matrix<T>(
      rows: layout.batchSize, cols: parts.reduce(0) { $0 + $1.cols })
    var column = 0
    for part in parts {
      features.columns(column..<column + part.cols).assign(part)
      column += part.cols
    }
    return (features, pooled.map(\.cache))
  }

  /// exp(log P) per sequence, one probability per class, back in the caller's order.
  static func classProbabilities(_ logProbabilities: Matrix<T>, _ layout: PackedLayout) -> [[Double]] {
    var result = [[Double]](repeating: [], count: layout.batchSize)
    for k in 0..<layout.batchSize {
      result[layout.order[k]] = (0..<logProbabilities.cols).map { Double(T.exp(logProbabilities[k, $0])) }
    }
    return result
  }
}
