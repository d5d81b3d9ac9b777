extension RecurrentParameters {
  /// Fills every tensor, weights and biases alike, from U(−1/√H, 1/√H): PyTorch's default for
  /// `nn.RNN`, `nn.LSTM` and `nn.GRU`. Draws in `namedTensors` order, so a seed fixes the result.
  public func fillUniform(hiddenSize: Int, using generator: inout some RandomNumberGenerator) {
    let bound = 1 / Double(hiddenSize).squareRoot()
    for tensor in namedTensors { Initializer.uniform(bound).fill(tensor.value, using: &generator) }
  }
}
