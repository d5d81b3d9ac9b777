/// A recurrent language model: Embedding → encoder → next-word softmax (see `SampledSoftmax`),
/// the stage that pretrains a classifier's embedding and encoder on unlabelled text (Dai & Le
/// 2015; Howard & Ruder 2018). Its embedding and encoder have the classifier's shapes and names,
/// so a classifier starts from them as they are.
///
/// A single-direction encoder reads x_0 … x_t and predicts x_{t+1} from h_t. A bidirectional
/// layer (concatenated output [→h_t | ←h_t]) is two language models at once, as in ELMo
/// (Peters et al. 2018): the forward half →h_t (having read x_0 … x_t) predicts x_{t+1}, the
/// reverse half ←h_t (having read x_{L−1} … x_t) predicts x_{t−1}; both share the embedding and
/// the output layer. Stacked bidirectional layers would let each half see the words it is to
/// predict, so a language model has one such layer (or any stack of one direction).
///
/// Legend: packed row (t, k) of sorted sequence k at step t (see `PackedLayout`); O [N, 2D] or
/// [N, D] the encoder's output; D the width of one direction.
///   predictions: (O[(t, k), :D] → x_{t+1}) for t < L_k − 1,  (O[(t, k), D:] → x_{t−1}) for t ≥ 1
///   L = (1/M) Σ_m L_m over the batch's M predictions
///   backward: dO gathers each prediction's dh back into its row and half (the other rows and
///   halves get 0), then the encoder and embedding backward as in the classifier.
public struct LanguageModel<Encoder: SequenceEncoder>: EmbeddingEncoderHead {
  /// The scalar type.
  public typealias T = Encoder.T

  /// Token ids → vectors.
  public var embedding: Embedding<T>
  /// The recurrent layers.
  public var encoder: Encoder
  /// The output layer: W [V, D], b [V] (Hugging Face's "lm_head"), shared by both directions.
  public var head: Dense<T>
  /// Whether the encoder's output is [forward | reverse] halves predicting both ways.
  public let bidirectional: Bool
  /// The encoder's module name in parameter names ("lstm", "gru", "rnn", "jordan").
  public let encoderName: String

  /// A language model from its parts: the head maps one direction's width to the vocabulary.
  public init(
    embedding: Embedding<T>, encoder: Encoder, head: Dense<T>, bidirectional: Bool,
    encoderName: String
  ) {
    precondition(embedding.embeddingSize == encoder.inputSize, "embedding width ≠ encoder input")
    let width = bidirectional ? encoder.outputSize / 2 : encoder.outputSize
    precondition(
      !bidirectional || encoder.outputSize % 2 == 0, "a bidirectional output has two halves")
    precondition(
      head.inputSize == width && head.outputSize == embedding.vocabularySize,
      "head must map \(width) → \(embedding.vocabularySize)")
    self.embedding = embedding
    self.encoder = encoder
    self.head = head
    self.bidirectional = bidirectional
    self.encoderName = encoderName
  }

  /// Width of one direction's features.
  public var directionWidth: Int { head.inputSize }

  /// What a batch's predictions are: for each, the packed row and half it reads and the word it
  /// predicts.
  struct Predictions {
    var rows: [Int] = []  // packed row of each prediction
    var targets: [Int32] = []  // the word it predicts
    var forwardCount = 0  // the first forwardCount read the forward half
  }

  /// The predictions of a packed batch (`ids` in packed order).
  func predictions(_ ids: [Int32], _ layout: PackedLayout) -> Predictions {
    var p = Predictions()
    for k in 0..<layout.batchSize where layout.lengths[k] > 1 {
      for t in 0..<layout.lengths[k] - 1 {  // →h_t predicts x_{t+1}
        p.rows.append(layout.row(sequence: k, step: t))
        p.targets.append(ids[layout.row(sequence: k, step: t + 1)])
      }
    }
    p.forwardCount = p.rows.count
    guard bidirectional else { return p }
    for k in 0..<layout.batchSize where layout.lengths[k] > 1 {
      for t in 1..<layout.lengths[k] {  // ←h_t predicts x_{t−1}
        p.rows.append(layout.row(sequence: k, step: t))
        p.targets.append(ids[layout.row(sequence: k, step: t - 1)])
      }
    }
    return p
  }

  /// The features of each prediction, [M, D]: its row of the forward or reverse half.
  func features(_ output: Matrix<T>, _ p: Predictions) -> Matrix<T> {
    let d = directionWidth
    let f = Matrix<T>(uninitializedRows: p.rows.count, cols: d)
    for (m, row) in p.rows.enumerated() {
      let half = m < p.forwardCount ? 0 : d
      (f.pointer + m * f.stride).update(from: output.pointer + row * output.stride + half, count: d)
    }
    return f
  }

  /// One batch through the embedding and encoder: what the softmax reads and backward needs.
  private struct Pass {
    let predictions: Predictions
    let features: Matrix<T>  // [M, D]
    let outputShape: (rows: Int, cols: Int)
    let embeddingCache: Embedding<T>.Cache
    let encoderCache: Encoder.Cache
  }

  /// The forward pass of `sequences`, or nil when no sequence has two words.
  private func encode(_ sequences: [[Int32]]) -> Pass? {
    let layout = PackedLayout(lengths: sequences.map(\.count))
    let ids = layout.packing(sequences)
    let p = predictions(ids, layout)
    guard !p.rows.isEmpty else { return nil }
    let (embedded, embeddingCache) = embedding.forward(ids)
    let (output, _, encoderCache) = encoder.encode(embedded, layout: layout)
    return Pass(
      predictions: p, features: features(output, p), outputShape: (output.rows, output.cols),
      embeddingCache: embeddingCache, encoderCache: encoderCache)
  }

  /// The mean next-word loss of one batch over `candidates`, with its gradients added into
  /// `grads`; `sequences` are token ids (any lengths ≥ 1). Returns the mean loss and the number
  /// of predictions (0, and no gradient, when no sequence has two words).
  public func accumulateGradients(
    sequences: [[Int32]], candidates: CandidateSet, into grads: inout ClassifierParameters<Encoder>
  ) -> (loss: Double, predictions: Int) {
    guard let pass = encode(sequences) else { return (0, 0) }
    let p = pass.predictions
    let (total, dFeatures) = SampledSoftmax.loss(
      features: pass.features, targets: p.targets, weight: head.parameters.weight,
      bias: head.parameters.bias, candidates: candidates, scale: 1 / T(p.rows.count),
      gradients: .init(weight: grads.head.weight, bias: grads.head.bias))
    guard let dFeatures else { preconditionFailure("gradients were asked for") }
    let d = directionWidth
    let dOutput = Matrix<T>(rows: pass.outputShape.rows, cols: pass.outputShape.cols)
    for (m, row) in p.rows.enumerated() {  // each (row, half) is read by one prediction at most
      let half = m < p.forwardCount ? 0 : d
      (dOutput.pointer + row * dOutput.stride + half).update(
        from: dFeatures.pointer + m * dFeatures.stride, count: d)
    }
    var encoderGrads = grads.encoder
    let dEmbedded = encoder.backward(
      dOutput: dOutput, dFinal: nil, cache: pass.encoderCache, into: &encoderGrads)
    var embeddingGrads = grads.embedding
    embedding.backward(dEmbedded, cache: pass.embeddingCache, into: &embeddingGrads)
    return (total / Double(p.rows.count), p.rows.count)
  }

  /// Σ −log p(word) under the full softmax, and the number of predictions, for `sequences`
  /// (held-out text: perplexity = e^{Σ / count}).
  public func negativeLogLikelihood(of sequences: [[Int32]]) -> (total: Double, predictions: Int) {
    guard let pass = encode(sequences) else { return (0, 0) }
    let (total, _) = SampledSoftmax.loss(
      features: pass.features, targets: pass.predictions.targets, weight: head.parameters.weight,
      bias: head.parameters.bias,
      candidates: .all(vocabularySize: embedding.vocabularySize, firstWord: 1))
    return (total, pass.predictions.rows.count)
  }
}
