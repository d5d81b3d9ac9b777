import SentimentKit

/// The models `sentiment bench` trains and runs, the same five as bench/peers: 64 units per
/// direction over a 128-wide embedding of 20,000 words (+ PAD and OOV), read by a 2-way head.
public enum BenchModel: String, CaseIterable, Codable {
  case bilstm, lstm, gru, bigru, elman

  /// The architecture, PyTorch's defaults for each cell (GRU: reset after; Elman: tanh).
  public var config: ModelConfig {
    var config = ModelConfig()
    config.cell = self == .elman ? .elman : (self == .gru || self == .bigru ? .gru : .lstm)
    config.bidirectional = self == .bilstm || self == .bigru
    config.embeddingSize = 128
    config.hiddenSize = 64
    config.vocabularySize = 20_002
    return config
  }
}
