import SentimentKit
/// What running one parity case gave: the model it describes, its sizes, and every compared
/// quantity with its worst absolute error.
public struct ParityResult: Sendable {
  /// The file, e.g. "lstm_bidirectional.json".
  public let file: String
  /// The model, e.g. "bidirectional LSTM" or "classifier: bidirectional LSTM, one Adam step".
  public let model: String
  /// The sizes, in the order a reader wants them: ("batch", 3), ("steps", 7), ("hidden", 4)…
  public let sizes: [(name: String, value: Int)]
  /// Every quantity compared, in the order compared.
  public let quantities: [ParityQuantity]

  /// Whether every quantity is within its tolerance.
  public var passed: Bool { quantities.allSatisfy(\.passed) }

  /// The quantities outside their tolerance.
  public var failures: [ParityQuantity] { quantities.filter { !$0.passed } }

  /// The largest |a − e| over the quantities of `kind`; nil when the case has none of that kind.
  public func maxError(_ kind: ParityQuantity.Kind) -> Double? {
    quantities.filter { $0.kind == kind }.map(\.deviation.absolute).max()
  }

  /// The largest share of its tolerance any element uses (≤ 1 passes).
  public var worstShare: Double { quantities.map(\.deviation.ofTolerance).max() ?? 0 }
}
