/// A sequence the `Batcher` cannot take.
public enum BatcherError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The sequence at `index` (read from `source`, when given) has no tokens.
  case emptySequence(index: Int, source: String?)

  /// A one-line explanation naming the sequence.
  public var description: String {
    switch self {
    case .emptySequence(let index, let source):
      let name = source.map { "sequence \(index) (\($0))" } ?? "sequence \(index)"
      return "\(name) has no tokens; the model needs at least one per review, "
        + "so drop empty reviews or map them to [Vocabulary.unknownID] first"
    }
  }
}
