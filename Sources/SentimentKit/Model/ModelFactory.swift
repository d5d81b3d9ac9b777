/// Builds the classifier a `ModelConfig` describes, with PyTorch's default initialisation drawn
/// from `generator`: N(0, 1) embeddings (padding row zero), U(−1/√H, 1/√H) recurrent weights,
/// U(−1/√F, 1/√F) head of `config.classCount` outputs; and, as Keras does, `forgetBias` added to the LSTM forget gate's bias.
public enum ModelFactory {
  /// A fresh model; the configuration must have no `problem`.
  public static func make(_ config: ModelConfig, using generator: inout SplitMix64)
    -> any SentimentModel
  {
    build(config, ClassifierAssembly(), &generator)
  }

  /// A fresh language model of `config`'s embedding and encoder (drawn as `make` draws them,
  /// then the output layer); the configuration must have no `problem` and be one a language
  /// model can have (`LanguageModelConfig.problem(of:)`).
  public static func makeLanguageModel(_ config: ModelConfig, using generator: inout SplitMix64)
    -> AnyLanguageModel
  {
    precondition(LanguageModelConfig.problem(of: config) == nil, LanguageModelConfig.problem(of: config) ?? "")
    return build(config, LanguageModelAssembly(), &generator)
  }

  /// The embedding and encoder `config` describes, handed to `assembly` for the rest.
  private static func build<Assembly: ModelAssembly>(
    _ config: ModelConfig, _ assembly: Assembly, _ generator: inout SplitMix64
  ) -> Assembly.Product {
    precondition(config.problem == nil, config.problem ?? "")
    let h = config.hiddenSize
    switch config.cell {
    case .elman:
      return layers(config, assembly, &generator) { i, g in
        ElmanCell<Float>(inputSize: i, hiddenSize: h, activation: config.activation, using: &g)
      }
    case .jordan:
      return layers(config, assembly, &generator) { i, g in
        JordanCell<Float>(inputSize: i, hiddenSize: h, activation: config.activation, using: &g)
      }
    case .lstm:
      var options: LSTMOptions = []
      if config.peephole { options.insert(.peephole) }
      if config.coupledGates { options.insert(.coupledGates) }
      return layers(config, assembly, &generator) { i, g in
        let cell = LSTMCell<Float>(inputSize: i, hiddenSize: h, options: options, using: &g)
        if !config.coupledGates {  // gate rows i, f, g, o: b_f is the second block
          let forget = cell.parameters.biasIH.columns(h..<2 * h)
          forget.add(Matrix(rows: 1, cols: h, repeating: Float(config.forgetBias)))
        }
        return cell
      }
    case .gru:
      return layers(config, assembly, &generator) { i, g in
        GRUCell<Float>(inputSize: i, hiddenSize: h, variant: config.gruVariant, using: &g)
      }
    }
  }

  /// Embedding → encoder of `makeCell` cells (one layer, or a stack; one direction or two) → the
  /// assembly's top.
  private static func layers<Cell: RecurrentCell, Assembly: ModelAssembly>(
    _ config: ModelConfig, _ assembly: Assembly, _ generator: inout SplitMix64,
    _ makeCell: (Int, inout SplitMix64) -> Cell
  ) -> Assembly.Product where Cell.T == Float {
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
      return assemble(config, embedding, layers, assembly, &generator)
    }
    var layers = [Recurrent<Cell>]()
    var width = config.embeddingSize
    for _ in 0..<config.layers {
      let layer = Recurrent(cell: makeCell(width, &generator))
      width = layer.outputSize
      layers.append(layer)
    }
    return assemble(config, embedding, layers, assembly, &generator)
  }

  /// One layer as itself, several as a `StackedEncoder`, then the assembly's top.
  private static func assemble<Layer: SequenceEncoder, Assembly: ModelAssembly>(
    _ config: ModelConfig, _ embedding: Embedding<Float>, _ layers: [Layer], _ assembly: Assembly,
    _ generator: inout SplitMix64
  ) -> Assembly.Product where Layer.T == Float {
    layers.count == 1
      ? assembly.assemble(config, embedding, layers[0], &generator)
      : assembly.assemble(config, embedding, StackedEncoder(layers), &generator)
  }
}

/// What `ModelFactory` puts on an embedding and encoder of a concrete type: a generic method, so
/// the model it makes is specialised for that encoder.
protocol ModelAssembly {
  /// The model made.
  associatedtype Product
  /// The model on `embedding` and `encoder`, its remaining weights drawn from `generator`.
  func assemble<E: SequenceEncoder>(
    _ config: ModelConfig, _ embedding: Embedding<Float>, _ encoder: E, _ generator: inout SplitMix64
  ) -> Product where E.T == Float
}

/// The classifier: the readout's features → Dense(classCount).
struct ClassifierAssembly: ModelAssembly {
  func assemble<E: SequenceEncoder>(
    _ config: ModelConfig, _ embedding: Embedding<Float>, _ encoder: E, _ generator: inout SplitMix64
  ) -> any SentimentModel where E.T == Float {
    let width = config.readout.width(finalSize: encoder.finalSize, outputSize: encoder.outputSize)
    let head = Dense<Float>(inputSize: width, outputSize: config.classCount, using: &generator)
    let classifier = Classifier(
      embedding: embedding, encoder: encoder, head: head, readout: config.readout,
      regularisation: config.regularisation, encoderName: config.encoderName)
    return ClassifierModel(config: config, classifier: classifier)
  }
}

/// The language model: one direction's width → the vocabulary.
struct LanguageModelAssembly: ModelAssembly {
  func assemble<E: SequenceEncoder>(
    _ config: ModelConfig, _ embedding: Embedding<Float>, _ encoder: E, _ generator: inout SplitMix64
  ) -> AnyLanguageModel where E.T == Float {
    let width = config.bidirectional ? encoder.outputSize / 2 : encoder.outputSize
    let head = Dense<Float>(inputSize: width, outputSize: config.vocabularySize, using: &generator)
    let model = LanguageModel(
      embedding: embedding, encoder: encoder, head: head, bidirectional: config.bidirectional,
      encoderName: config.encoderName)
    return AnyLanguageModel(config: config, model: model)
  }
}
