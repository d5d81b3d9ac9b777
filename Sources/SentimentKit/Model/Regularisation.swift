/// The dropouts a classifier applies while training (all inverted: inference is unchanged), in
/// the order the data meets them (AWD-LSTM's set, Merity et al. 2018):
/// embedding → word dropout, locked input dropout → encoder with weight-dropped U → locked
/// output dropout (per-step outputs, before pooling) → readout → dropout → head.
public struct Regularisation: Equatable, Sendable {
  /// Drop probability of each element of the head's input.
  public var dropout = 0.0
  /// Drop probability of a word type in a batch (all its occurrences read a zero vector).
  public var wordDropout = 0.0
  /// Drop probability of an embedding feature for a whole review (locked across steps).
  public var inputDropout = 0.0
  /// Drop probability of an encoder output feature for a whole review, before pooling (for the
  /// final-state readout, `dropout` plays this part).
  public var outputDropout = 0.0
  /// Drop probability of each recurrent weight U (weight_hh), drawn once a batch (DropConnect).
  public var weightDropout = 0.0

  /// No dropout anywhere.
  public init() {}

  /// A description of what is wrong, or nil.
  public var problem: String? {
    let named = [
      ("dropout", dropout), ("word dropout", wordDropout), ("input dropout", inputDropout),
      ("output dropout", outputDropout), ("weight dropout", weightDropout),
    ]
    for (name, p) in named where !(0..<1).contains(p) { return "\(name) must be in [0, 1), not \(p)" }
    return nil
  }
}
