/// Variations on the LSTM step; `[]` is the standard cell (PyTorch `nn.LSTM`). They combine.
public struct LSTMOptions: OptionSet, Hashable, Codable, Sendable {
  /// The bit pattern.
  public let rawValue: Int

  /// Options from their bit pattern.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Peephole connections (Gers & Schmidhuber 2000): c_{t−1} feeds i and f, c_t feeds o, each
  /// through a diagonal weight vector p_i, p_f, p_o [H] (TF-Keras 2 `PeepholeLSTMCell`).
  public static let peephole = LSTMOptions(rawValue: 1 << 0)
  /// Coupled input and forget gates, f_t = 1 − i_t (Greff et al. 2017, "CIFG"): three gate
  /// blocks i, g, o, with no forget block at all.
  public static let coupledGates = LSTMOptions(rawValue: 1 << 1)
}
