import SentimentKit
import Foundation

/// A torch.nn recurrent layer as a parity file describes it: the cell family and whether it runs
/// in both directions. Built here from PyTorch's own classes' counterparts: torch.nn.RNN is an
/// `ElmanCell`, torch.nn.LSTM an `LSTMCell` (gate rows i, f, g, o), torch.nn.GRU a `GRUCell`
/// with the reset gate applied after the recurrent product (rows r, z, n;
/// h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, PyTorch's z).
public struct TorchLayer: Equatable, Sendable {
  /// The cell family.
  public enum Kind: Equatable, Sendable {
    /// torch.nn.RNN: h_t = σ(W x_t + U h_{t−1} + b), σ tanh or ReLU.
    case rnn(Activation)
    /// torch.nn.LSTM.
    case lstm
    /// torch.nn.GRU.
    case gru
  }

  /// The cell family.
  public let kind: Kind
  /// Whether a second direction reads each sequence back to front (weights "…_reverse").
  public let bidirectional: Bool

  /// A layer of `kind`, in one direction or two.
  public init(kind: Kind, bidirectional: Bool) {
    self.kind = kind
    self.bidirectional = bidirectional
  }

  /// The layer a description such as "torch.nn.LSTM(input_size=5, hidden_size=4,
  /// batch_first=True, bidirectional=True) on …" names; nil when it starts with no
  /// torch.nn.RNN/LSTM/GRU constructor. Throws on a constructor argument not modelled here, and
  /// when input_size or hidden_size differ from the file's fields of those names.
  public init?(describedIn file: ParityFile) throws {
    let description = file.description
    let kinds: [(String, Kind)] = [
      ("torch.nn.RNN(", .rnn(.tanh)), ("torch.nn.LSTM(", .lstm), ("torch.nn.GRU(", .gru),
    ]
    guard let (prefix, kind) = kinds.first(where: { description.hasPrefix($0.0) }) else {
      return nil
    }
    let arguments = description.dropFirst(prefix.count).prefix { $0 != ")" }
      .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    var settings = ["batch_first": "False"]  // PyTorch's default
    for argument in arguments {
      let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw ParityFileError.unsupported(
          file: file.name, what: "positional argument '\(argument)' in the description")
      }
      settings[parts[0]] = parts[1]
    }
    let supported: [String: Set<String>] = [
      "input_size": [], "hidden_size": [], "batch_first": ["True"],
      "bidirectional": ["True", "False"], "nonlinearity": ["'tanh'", "'relu'"],
      "num_layers": ["1"], "bias": ["True"],
    ]
    for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
      guard let allowed = supported[key], allowed.isEmpty || allowed.contains(value) else {
        throw ParityFileError.unsupported(
          file: file.name, what: "\(key)=\(value) in the description")
      }
    }
    for key in ["input_size", "hidden_size"] {
      guard let value = settings[key] else { continue }
      guard String(try file.size(key)) == value else {
        throw ParityFileError.malformedField(
          file: file.name, field: key, expected: "\(value), as the description says")
      }
    }
    if case .rnn = kind, settings["nonlinearity"] == "'relu'" {
      self.kind = .rnn(.relu)
    } else {
      self.kind = kind
    }
    bidirectional = settings["bidirectional"] == "True"
  }

  /// "LSTM", "bidirectional RNN (relu)".
  public var name: String {
    let base: String
    switch kind {
    case .rnn(let activation): base = "RNN (\(activation.rawValue))"
    case .lstm: base = "LSTM"
    case .gru: base = "GRU"
    }
    return bidirectional ? "bidirectional " + base : base
  }

  /// Builds the layer with zero weights, I = `inputSize` and H = `hiddenSize`, in `visitor`'s
  /// scalar type, and hands it to `visitor`.
  func build<V: TorchLayerVisitor>(inputSize i: Int, hiddenSize h: Int, for visitor: V) throws
    -> ParityResult
  {
    switch kind {
    case .rnn(let activation):
      return try build(visitor) {
        ElmanCell<V.T>(inputSize: i, hiddenSize: h, activation: activation)
      }
    case .lstm:
      return try build(visitor) { LSTMCell<V.T>(inputSize: i, hiddenSize: h) }
    case .gru:
      return try build(visitor) { GRUCell<V.T>(inputSize: i, hiddenSize: h, variant: .resetAfter) }
    }
  }

  /// One `Recurrent` layer of `make()`, or a `Bidirectional` pair of them.
  private func build<V: TorchLayerVisitor, Cell: RecurrentCell>(_ visitor: V, _ make: () -> Cell)
    throws -> ParityResult where Cell.T == V.T
  {
    bidirectional
      ? try visitor.visit(Bidirectional(forward: make(), reverse: make()))
      : try visitor.visit(Recurrent(cell: make()))
  }
}
