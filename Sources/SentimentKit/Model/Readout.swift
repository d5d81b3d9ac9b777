/// How the classifier turns an encoder's outputs into one feature vector per review.
public enum Readout: String, Codable, CaseIterable, Sendable {
  /// The encoder's final state (both directions' for a bidirectional encoder: PyTorch's h_n).
  case final
  /// The mean of the outputs over the valid steps.
  case mean
  /// The per-feature maximum of the outputs over the valid steps.
  case max
}
