/// Builds the classifier a `ModelConfig` describes, with PyTorch's default initialisation drawn
/// from `generator`: N(0, 1) embeddings (padding row zero), U(−1/√H, 1/√H) recurrent weights,
/// U(−1/√F, 1/√F) head of `config.classCount` outputs; and, as Keras does, `forgetBias` added to the LSTM forget gate's bias.
public enum ModelFactory {
  /// A fresh model; the configuration must have no `problem`.
  public static func make(_ config: ModelConfig, using generator: inout SplitMix64)
    -> any SentimentModel
  {
    precondition(config.problem == nil, config.problem ?? "")
    let h = config.hiddenSize
    switch config.cell {
    case .elman:
      return build(config, &generator) { i, g in
        ElmanCell<Float>(inputSize: i, hiddenSize: h, activation: config.activation, using: &g)
      }
    case .jordan:
      return build(config, &generator) { i, g in
        JordanCell<Float>(inputSize: i, hiddenSize: h, activation: config.activation, using: &g)
      }
    case .lstm:
      var options: LSTMOptions = []
      if config.peephole { options.insert(.peephole) }
      if config.coupledGates { options.insert(.coupledGates) }
      return build(config, &generator) { i, g in
        let cell = LSTMCell<Float>(inputSize: i, hiddenSize: h, options: options, using: &g)
        if !config.coupledGates {  // gate rows i, f, g, o: b_f is the second block
          let forget = cell.parameters.biasIH.columns(h..<2 * h)
          forget.add(Matrix(rows: 1, cols: h, repeating: Float(config.forgetBias)))
        }
        return cell
      }
    case .gru:
      return build(config, &generator) { i, g in
        GRUCell<Float>(inputSize: i, hiddenSize: h, variant: config.gruVariant, using: &g)
      }
    }
  }

  /// Embedding → encoder of `makeCell` cells (one layer, or a stack; one direction or two) → head.
  private static func build<Cell: RecurrentCell>(
    _ config: ModelConfig, _ generator: inout SplitMix64, _ makeCell: (Int, inout SplitMix64) -> Cell
  ) -> any SentimentModel where Cell.T == Float {
    let embedding = Embedding<Float>(
      vocabularySize: config.vocabularySize, embeddingSize: config.embeddingSize, using: &generator)
    if config.bidirectional {
      var layers = [Bidirectional<Cell, Cell>]()
      var width = config.embeddingSize
      for _ in 0..<config.layers {
        let layer = Bidirectional(
          forward: makeCell(width, &generator), reverse: makeCell(width, &generator), merge: config.merge)
        width = layer.outputSize
        layers.append(layer)
      }
      return assemble(config, embedding, layers, &generator)
    }
    var layers = [Recurrent<Cell>]()
    var width = config.embeddingSize
    for _ in 0..<config.layers {
      let layer = Recurrent(cell: makeCell(width, &generator))
      width = layer.outputSize
      layers.append(layer)
    }
    return assemble(config, embedding, layers, &generator)
  }

  /// One layer as itself, several as a `StackedEncoder`, then the head on top.
  private static func assemble<Layer: SequenceEncoder>(
    _ config: ModelConfig, _ embedding: Embedding<Float>, _ layers: [Layer], _ generator: inout SplitMix64
  ) -> any SentimentModel where Layer.T == Float {
    func model<E: SequenceEncoder>(_ encoder: E) -> any SentimentModel where E.T == Float {
      let width = config.readout.width(finalSize: encoder.finalSize, outputSize: encoder.outputSize)
      let head = Dense<Float>(inputSize: width, outputSize: config.classCount, using: &generator)
      let classifier = Classifier(
        embedding: embedding, encoder: encoder, head: head, readout: config.readout,
        regularisation: config.regularisation, encoderName: config.encoderName)
      return ClassifierModel(config: config, classifier: classifier)
    }
    return layers.count == 1 ? model(layers[0]) : model(StackedEncoder(layers))
  }
}
