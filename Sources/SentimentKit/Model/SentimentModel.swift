/// A classifier of any architecture behind one interface (Float weights), for the trainer,
/// checkpoints and the command line. `ModelFactory` builds one from a `ModelConfig`.
public protocol SentimentModel: AnyObject {
  /// The architecture.
  var config: ModelConfig { get }
  /// Live views of every weight, under PyTorch-style names.
  var parameters: ParameterList<Float> { get }
  /// Live views of the gradient accumulators, in the same order as `parameters`.
  var gradients: ParameterList<Float> { get }
  /// Forward and backward for one labelled batch, adding into `gradients`.
  func accumulateGradients<G: RandomNumberGenerator>(
    sequences: [[Int32]], labels: [Int], using generator: inout G
  ) -> BatchOutcome
  /// p(pos) for each sequence, in order.
  func probabilities(of sequences: [[Int32]]) -> [Double]
}

/// What one training batch gives back.
public struct BatchOutcome: Sendable {
  /// Mean negative log-likelihood.
  public let loss: Double
  /// Reviews whose more probable class is their label.
  public let correct: Int
  /// p(pos) for each review, in the caller's order.
  public let probabilities: [Double]

  /// The three figures.
  public init(loss: Double, correct: Int, probabilities: [Double]) {
    self.loss = loss
    self.correct = correct
    self.probabilities = probabilities
  }
}

extension SentimentModel {
  /// Number of trainable scalars.
  public var parameterCount: Int { parameters.scalarCount }
}

/// A `Classifier` of one concrete encoder type with its gradient accumulators.
final class ClassifierModel<Encoder: SequenceEncoder>: SentimentModel where Encoder.T == Float {
  let config: ModelConfig
  let classifier: Classifier<Encoder>
  let grads: ClassifierParameters<Encoder>
  let parameters: ParameterList<Float>
  let gradients: ParameterList<Float>

  init(config: ModelConfig, classifier: Classifier<Encoder>) {
    self.config = config
    self.classifier = classifier
    grads = classifier.parameters.zerosLike()
    parameters = ParameterList(classifier.parameters.namedTensors)
    gradients = ParameterList(grads.namedTensors)
  }

  func accumulateGradients<G: RandomNumberGenerator>(
    sequences: [[Int32]], labels: [Int], using generator: inout G
  ) -> BatchOutcome {
    var target = grads
    return classifier.accumulateGradients(
      sequences: sequences, labels: labels, into: &target, using: &generator)
  }

  func probabilities(of sequences: [[Int32]]) -> [Double] { classifier.probabilities(of: sequences) }
}
