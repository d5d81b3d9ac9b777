/// A model built as embedding → recurrent encoder → dense head: the classifier and the language
/// model. Its weights are one `ClassifierParameters` set, named as a PyTorch module with those
/// three children would name them, so the two share names and one can start the other.
public protocol EmbeddingEncoderHead {
  /// The recurrent part.
  associatedtype Encoder: SequenceEncoder
  /// Token ids → vectors.
  var embedding: Embedding<Encoder.T> { get set }
  /// The recurrent layers.
  var encoder: Encoder { get set }
  /// The output layer.
  var head: Dense<Encoder.T> { get set }
  /// The encoder's module name in parameter names ("lstm", "gru", "rnn", "jordan").
  var encoderName: String { get }
}

extension EmbeddingEncoderHead {
  /// All weights, named: "embedding.…", "<encoderName>.…", "head.…".
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
}
