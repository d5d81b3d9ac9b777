/// A `LanguageModel` of any encoder type behind one class (Float weights), for its trainer and
/// folder. Its work runs in closures made where the encoder type is concrete (`ModelFactory`),
/// so every loop is specialised for that type, as `SentimentModel`'s are.
public final class AnyLanguageModel {
  /// The embedding and encoder's architecture (the classifier's `ModelConfig`).
  public let config: ModelConfig
  /// Live views of every weight: "embedding.weight", the encoder's, "head.weight", "head.bias".
  public let parameters: ParameterList<Float>
  /// Live views of the gradient accumulators, in the same order.
  public let gradients: ParameterList<Float>
  private let train: ([[Int32]], CandidateSet) -> (loss: Double, predictions: Int)
  private let score: ([[Int32]]) -> (total: Double, predictions: Int)

  init<Encoder: SequenceEncoder>(config: ModelConfig, model: LanguageModel<Encoder>)
  where Encoder.T == Float {
    self.config = config
    let grads = model.parameters.zerosLike()
    parameters = ParameterList(model.parameters.namedTensors)
    gradients = ParameterList(grads.namedTensors)
    train = { sequences, candidates in
      var target = grads
      return model.accumulateGradients(sequences: sequences, candidates: candidates, into: &target)
    }
    score = { model.negativeLogLikelihood(of: $0) }
  }

  /// Forward and backward of one batch's mean next-word loss over `candidates`, adding into
  /// `gradients`; returns the loss and the number of predictions.
  public func accumulateGradients(sequences: [[Int32]], candidates: CandidateSet)
    -> (loss: Double, predictions: Int)
  {
    train(sequences, candidates)
  }

  /// Σ −log p(word) under the full softmax, and the number of predictions.
  public func negativeLogLikelihood(of sequences: [[Int32]]) -> (total: Double, predictions: Int) {
    score(sequences)
  }
}
