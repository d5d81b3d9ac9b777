import SentimentKit
import Foundation

/// What a classifier case's description and fields say: Embedding(V, E, padding_idx=0) → a
/// recurrent layer in one or two directions over the valid steps → h_n (both directions' side by
/// side) → Linear(·, 2) → log_softmax, loss the mean NLL, then one torch.optim.Adam step from zero
/// moments. Read from the description and the fields vocab, embed, hidden, ids, lengths and
/// labels, never from the file name.
public struct ClassifierSpec {
  /// The recurrent layer between the embedding and the head.
  public let encoder: TorchLayer
  /// V: embedding rows, PAD (id 0) included.
  public let vocabularySize: Int
  /// E: embedding width, the layer's input.
  public let embeddingSize: Int
  /// H: hidden units per direction.
  public let hiddenSize: Int
  /// The token ids of each sequence, valid steps only, in the file's (unsorted) order.
  public let sequences: [[Int32]]
  /// Each sequence's class, 0 or 1.
  public let labels: [Int]
  /// The Adam step's settings, as the description gives them.
  public let adam: (learningRate: Double, beta1: Double, beta2: Double, epsilon: Double)

  /// nil when the description does not start with "Embedding("; throws when it names something
  /// not modelled here, rather than compare against the wrong thing, and on malformed fields.
  public init?(describedIn file: ParityFile) throws {
    let text = file.description
    guard text.hasPrefix("Embedding(") else { return nil }
    func unsupported(_ what: String) -> Error {
      ParityFileError.unsupported(file: file.name, what: what)
    }
    func captures(_ pattern: String) throws -> [String] {
      guard let match = text.firstMatch(of: try Regex(pattern)) else {
        throw unsupported("the description has no \(pattern)")
      }
      return match.output.dropFirst().map { $0.substring.map(String.init) ?? "" }
    }
    func number(_ string: String) throws -> Double {
      guard let value = Double(string) else {
        throw unsupported("number '\(string)' in the description")
      }
      return value
    }

    let (vocab, embed, hidden) = (
      try file.size("vocab"), try file.size("embed"), try file.size("hidden")
    )
    let embedding = try captures(#"^Embedding\((\d+), (\d+), padding_idx=(\d+)\)"#)
    guard embedding == ["\(vocab)", "\(embed)", "0"] else {
      throw unsupported(
        "Embedding\(embedding) against vocab \(vocab), embed \(embed), padding_idx 0")
    }
    let layer = try captures(#"-> (bidirectional )?(LSTM|GRU|RNN)\((\d+) -> (\d+)\)"#)
    guard layer[2] == "\(embed)", layer[3] == "\(hidden)" else {
      throw unsupported(
        "encoder sizes \(layer[2]) -> \(layer[3]) against embed \(embed), hidden \(hidden)")
    }
    let kinds: [String: TorchLayer.Kind] = ["LSTM": .lstm, "GRU": .gru, "RNN": .rnn(.tanh)]
    guard let kind = kinds[layer[1]] else { throw unsupported(layer[1]) }
    encoder = TorchLayer(kind: kind, bidirectional: !layer[0].isEmpty)
    // The head reads h_n (forward direction first when there are two), and the loss is the mean
    // NLL of log_softmax.
    _ = try captures(
      #"h_n[^>]*-> Linear\([^)]*, 2\) -> log_softmax; loss = mean negative log-likelihood"#)
    if encoder.bidirectional { _ = try captures(#"concat\(h_n forward, h_n reverse\)"#) }
    guard !text.contains("weight_decay=") else { throw unsupported("weight decay") }
    let rate = try captures(
      #"Adam step \(lr=([0-9.eE+-]+), betas=\(([0-9.eE+-]+), ?([0-9.eE+-]+)\), eps=([0-9.eE+-]+)"#)
    adam = (try number(rate[0]), try number(rate[1]), try number(rate[2]), try number(rate[3]))
    vocabularySize = vocab
    embeddingSize = embed
    hiddenSize = hidden

    guard let ids = file.json["ids"] as? [[Int]] else {
      throw ParityFileError.malformedField(
        file: file.name, field: "ids", expected: "a list of id lists")
    }
    guard ids.joined().allSatisfy({ (0..<vocab).contains($0) }) else {
      throw ParityFileError.malformedField(
        file: file.name, field: "ids", expected: "ids below vocab \(vocab)")
    }
    let lengths = try file.ints("lengths")
    guard !ids.isEmpty, lengths.count == ids.count,
      zip(ids, lengths).allSatisfy({ row, length in length >= 1 && length <= row.count })
    else {
      throw ParityFileError.malformedField(
        file: file.name, field: "lengths",
        expected: "one length per id list, from 1 to the list's length")
    }
    // Padding comes after each sequence: its first `length` ids are the sequence.
    sequences = zip(ids, lengths).map { row, length in row.prefix(length).map { Int32($0) } }
    labels = try file.ints("labels")
    guard labels.count == ids.count, labels.allSatisfy({ $0 == 0 || $0 == 1 }) else {
      throw ParityFileError.malformedField(
        file: file.name, field: "labels", expected: "one label, 0 or 1, per id list (\(ids.count))")
    }
  }

  /// The architecture as `ModelFactory` takes it: the file's cell, directions and sizes, the
  /// head reading the final states, no dropout.
  public var config: ModelConfig {
    var config = ModelConfig()
    switch encoder.kind {
    case .rnn(let activation):
      config.cell = .elman
      config.activation = activation
    case .lstm:
      config.cell = .lstm
    case .gru:
      config.cell = .gru
      config.gruVariant = .resetAfter  // torch.nn.GRU
    }
    config.bidirectional = encoder.bidirectional
    config.merge = .concat
    config.layers = 1
    config.vocabularySize = vocabularySize
    config.embeddingSize = embeddingSize
    config.hiddenSize = hiddenSize
    config.readout = .final
    config.dropout = 0
    return config
  }

  /// "classifier: bidirectional LSTM, one Adam step".
  public var name: String { "classifier: \(encoder.name), one Adam step" }
}
