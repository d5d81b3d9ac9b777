/// How the classifier turns an encoder's outputs into one feature vector per review.
public enum Readout: String, Codable, CaseIterable, Sendable {
  /// The encoder's final state (both directions' for a bidirectional encoder: PyTorch's h_n).
  case final
  /// The mean of the outputs over the valid steps.
  case mean
  /// The per-feature maximum of the outputs over the valid steps.
  case max
  /// Concat pooling (Howard & Ruder 2018): final ⊕ max ⊕ mean, in that order.
  case concat

  /// Whether the features start with the encoder's final state.
  public var readsFinal: Bool { self == .final || self == .concat }

  /// The poolings of the per-step output that follow the final state, in feature order.
  public var poolings: [SequencePooling.Mode] {
    switch self {
    case .final: return []
    case .mean: return [.mean]
    case .max: return [.max]
    case .concat: return [.max, .mean]
    }
  }

  /// Features per review for an encoder with `finalSize`-wide summaries and `outputSize`-wide
  /// steps.
  public func width(finalSize: Int, outputSize: Int) -> Int {
    (readsFinal ? finalSize : 0) + poolings.count * outputSize
  }
}
