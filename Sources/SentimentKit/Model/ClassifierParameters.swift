/// A classifier's weights: embedding, encoder and head, named as a PyTorch module with those
/// three children would name them ("embedding.weight", "lstm.weight_ih_l0", "head.bias").
public struct ClassifierParameters<Encoder: SequenceEncoder>: ParameterSet {
  /// The scalar type.
  public typealias T = Encoder.T
  /// [V, E].
  public let embedding: Embedding<T>.Parameters
  /// The recurrent layers'.
  public let encoder: Encoder.Parameters
  /// [2, F] and [2].
  public let head: Dense<T>.Parameters
  /// The encoder's module name, e.g. "lstm".
  public let encoderName: String

  /// The three parts.
  public init(
    embedding: Embedding<T>.Parameters, encoder: Encoder.Parameters, head: Dense<T>.Parameters,
    encoderName: String
  ) {
    self.embedding = embedding
    self.encoder = encoder
    self.head = head
    self.encoderName = encoderName
  }

  /// "embedding.…", then "<encoderName>.…", then "head.…".
  public var namedTensors: [NamedTensor<T>] {
    embedding.namedTensors.map { $0.prefixed("embedding.") }
      + encoder.namedTensors.map { $0.prefixed(encoderName + ".") }
      + head.namedTensors.map { $0.prefixed("head.") }
  }

  /// Zeros of the same shapes.
  public func zerosLike() -> ClassifierParameters {
    ClassifierParameters(
      embedding: embedding.zerosLike(), encoder: encoder.zerosLike(), head: head.zerosLike(),
      encoderName: encoderName)
  }
}
