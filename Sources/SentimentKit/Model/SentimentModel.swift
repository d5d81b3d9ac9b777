/// A classifier of any architecture behind one interface (Float weights), for the trainer,
/// checkpoints and the command line. `ModelFactory` builds one from a `ModelConfig`.
public protocol SentimentModel: AnyObject {
  /// The architecture.
  var config: ModelConfig { get }
  /// Live views of every weight, under PyTorch-style names.
  var parameters: ParameterList<Float> { get }
  /// Live views of the gradient accumulators, in the same order as `parameters`.
  var gradients: ParameterList<Float> { get }
  /// Per-class weights of the training loss (`--class-weights`), one per head output; nil for
  /// the plain mean.
  var classWeights: [Float]? { get set }
  /// Forward and backward for one labelled batch, adding into `gradients`; `generator` draws the
  /// dropout masks.
  func accumulateGradients(sequences: [[Int32]], labels: [Int], using generator: inout SplitMix64)
    -> BatchOutcome
  /// The class probabilities of each sequence (one per head output, summing to 1), in order.
  func probabilities(of sequences: [[Int32]]) -> [[Double]]
}

/// What one training batch gives back.
public struct BatchOutcome: Sendable {
  /// Mean negative log-likelihood.
  public let loss: Double
  /// Reviews whose more probable class is their label.
  public let correct: Int
  /// The class probabilities of each review, in the caller's order.
  public let probabilities: [[Double]]

  /// The three figures.
  public init(loss: Double, correct: Int, probabilities: [[Double]]) {
    self.loss = loss
    self.correct = correct
    self.probabilities = probabilities
  }
}

extension SentimentModel {
  /// Number of trainable scalars.
  public var parameterCount: Int { parameters.scalarCount }
}

/// A `Classifier` of one concrete encoder type with its gradient accumulators. Its work runs in
/// closures made where the encoder type is concrete (`ModelFactory`), so the compiler specialises
/// every loop for that type; a generic class called through the protocol would run them
/// unspecialised, element by element through witness tables, about a hundred times slower.
final class ClassifierModel: SentimentModel {
  let config: ModelConfig
  let parameters: ParameterList<Float>
  let gradients: ParameterList<Float>
  var classWeights: [Float]?
  private let train: ([[Int32]], [Int], [Float]?, inout SplitMix64) -> BatchOutcome
  private let infer: ([[Int32]]) -> [[Double]]

  init<Encoder: SequenceEncoder>(config: ModelConfig, classifier: Classifier<Encoder>)
  where Encoder.T == Float {
    self.config = config
    let grads = classifier.parameters.zerosLike()
    parameters = ParameterList(classifier.parameters.namedTensors)
    gradients = ParameterList(grads.namedTensors)
    train = { sequences, labels, classWeights, generator in
      var target = grads
      return classifier.accumulateGradients(
        sequences: sequences, labels: labels, classWeights: classWeights, into: &target,
        using: &generator)
    }
    infer = { classifier.probabilities(of: $0) }
  }

  func accumulateGradients(sequences: [[Int32]], labels: [Int], using generator: inout SplitMix64)
    -> BatchOutcome
  {
    train(sequences, labels, classWeights, &generator)
  }

  func probabilities(of sequences: [[Int32]]) -> [[Double]] { infer(sequences) }
}
