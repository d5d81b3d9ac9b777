/// Where the GRU's reset gate acts; both forms are published and in use.
public enum GRUVariant: String, Codable, CaseIterable, Sendable {
  /// After the recurrent product: n = tanh(W_n x + b_in + r ⊙ (U_n h + b_hn)). PyTorch `nn.GRU`,
  /// cuDNN, and Keras' default (`reset_after=True`).
  case resetAfter
  /// Before it (Cho et al. 2014): n = tanh(W_n x + b_in + U_n (r ⊙ h) + b_hn). Keras
  /// `reset_after=False`, the TF1-era default.
  case resetBefore
}
