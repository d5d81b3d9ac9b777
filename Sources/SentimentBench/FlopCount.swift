import SentimentKit

/// The matrix-product arithmetic one training step of a bench model really does on a packed
/// batch (no padded step is computed, so none is counted). Elementwise work and the embedding
/// gather are left out: the figure is comparable with a GEMM's GFLOP/s.
///
/// Per direction, with N = Σ lengths packed rows, B sequences, N' = N − B rows that have a
/// previous state (step 0 starts from zeros and needs no recurrent product), I input features,
/// H units, G gate blocks (Elman 1, GRU 3, LSTM 4):
///   forward   GX = X Wᵀ          2·N·I·GH        H_t U ᵀ per step   2·N'·H·GH
///   backward  dW = dGXᵀ X and dX = dGX W:  2 · 2·N·I·GH;   dU and dH_{t−1}:  2 · 2·N'·H·GH
///   total     6·GH·(N·I + N'·H)
/// The head, F features to 2 logits: forward 2·B·F·2, backward twice that: 12·B·F.
/// Inference is the forward third: 2·GH·(N·I + N'·H) per direction + 4·B·F.
public enum FlopCount {
  /// Floating-point operations of one training step (forward and backward) on `lengths`.
  public static func training(_ config: ModelConfig, lengths: [Int]) -> Double {
    3 * forward(config, lengths: lengths)
  }

  /// Floating-point operations of the forward pass alone on `lengths`.
  public static func forward(_ config: ModelConfig, lengths: [Int]) -> Double {
    let n = Double(lengths.reduce(0, +))
    let b = Double(lengths.count)
    let gates: Double
    switch config.cell {
    case .elman, .jordan: gates = 1
    case .gru: gates = 3
    case .lstm: gates = 4
    }
    let gh = gates * Double(config.hiddenSize)
    let i = Double(config.embeddingSize)
    let h = Double(config.hiddenSize)
    let directions: Double = config.bidirectional ? 2 : 1
    let recurrent = directions * 2 * gh * (n * i + (n - b) * h)  // 2·GH·(N·I + N'·H)
    let head = 4 * b * directions * h  // 2·B·F·2, F = directions · H
    return recurrent + head
  }

  /// Floating-point operations of one language-model training step on `lengths`: the encoder's
  /// forward and backward (its head left out) and, for each of the `predictions`, the sampled
  /// softmax's three products over K candidates of one direction's width D:
  ///   Z = H W[S]ᵀ, dH = dZ W[S], dW[S] = dZᵀ H:   6·D·K per prediction.
  public static func languageModelTraining(
    _ config: ModelConfig, lengths: [Int], predictions: Int, candidates: Int
  ) -> Double {
    let directions: Double = config.bidirectional ? 2 : 1
    let head = 12 * Double(lengths.count) * directions * Double(config.hiddenSize)
    let softmax = 6 * Double(config.hiddenSize) * Double(candidates) * Double(predictions)
    return training(config, lengths: lengths) - head + softmax
  }
}
