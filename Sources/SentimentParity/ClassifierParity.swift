import SentimentKit
import Foundation

/// Running a classifier case, two ways: in Float through the training code path (the model
/// `ModelFactory` builds, one `TrainingStep`), or in any scalar type on a `Classifier` assembled
/// by hand with `Adam` applied directly. Both compare the log-probabilities, the loss, every
/// gradient and every parameter after the Adam step.
extension ClassifierSpec {
  /// Float, as training runs: the factory's model for `config`, loaded with the file's weights
  /// and trained one step by `TrainingStep` (Adam at the file's rate, no weight decay, no
  /// clipping, constant schedule, subnormals flushed). Throws when the file's Adam β or ε differ
  /// from torch's defaults, the only ones `TrainingStep` uses.
  public func runTrainingStep(_ file: ParityFile, tolerances: ParityTolerances) throws
    -> ParityResult
  {
    guard adam.beta1 == 0.9, adam.beta2 == 0.999, adam.epsilon == 1e-8 else {
      throw ParityFileError.unsupported(
        file: file.name, what: "Adam β or ε other than TrainingStep's (torch's defaults)")
    }
    var generator = SplitMix64(seed: 1)  // initial weights, all overwritten; dropout 0
    let model = ModelFactory.make(config, using: &generator)
    try file.load("weights", into: model.parameters)
    var training = TrainingConfig()
    training.optimizer = .adam
    training.learningRate = adam.learningRate
    training.weightDecay = 0
    training.clipNorm = nil
    training.schedule = .constant
    let step = TrainingStep(model: model, config: training)
    let outcome = try step.run(sequences: sequences, labels: labels, using: &generator)
    precondition(step.updates == 1, "TrainingStep.run makes one update or throws")
    // The step zeroes the gradients, accumulates them, then only reads them: they are this
    // batch's dL/dθ.
    return try compare(
      file, outcome, gradients: model.gradients, parameters: model.parameters,
      tolerances: tolerances)
  }

  /// In `T`: a `Classifier` of a zero embedding, the described layer and a zero head, loaded
  /// with the file's weights; gradients from `accumulateGradients`, then one `Adam` step with
  /// the file's β and ε.
  public func runAssembled<T: Scalar>(_ file: ParityFile, as: T.Type, tolerances: ParityTolerances)
    throws -> ParityResult
  {
    try encoder.build(
      inputSize: embeddingSize, hiddenSize: hiddenSize,
      for: AssembledClassifier<T>(file: file, spec: self, tolerances: tolerances))
  }

  /// Compares a finished step with the file: log_probs [B, 2], loss, grad (dL/dθ before the step)
  /// and after_adam (θ after it), every tensor by name.
  func compare<P: ParameterSet>(
    _ file: ParityFile, _ outcome: BatchOutcome, gradients: P, parameters: P,
    tolerances: ParityTolerances
  ) throws -> ParityResult {
    let batch = sequences.count
    var comparison = ParityComparison(file, tolerances)
    comparison.compare(
      "log_probs", .output, logProbabilities(outcome),
      try file.tensor("log_probs", shape: [batch, 2]).data)
    comparison.compare("loss", .loss, [outcome.loss], [try file.double("loss")])
    try file.expectNames("grad", gradients.namedTensors.map(\.name))
    for t in gradients.namedTensors {
      comparison.compare(
        "d\(t.name)", .gradient, t.value, try file.tensor("grad", t.name, shape: t.shape))
    }
    try file.expectNames("after_adam", parameters.namedTensors.map(\.name))
    for t in parameters.namedTensors {
      comparison.compare(
        "after_adam \(t.name)", .afterAdam, t.value,
        try file.tensor("after_adam", t.name, shape: t.shape))
    }
    return comparison.result(
      model: name,
      sizes: [
        ("batch", batch), ("steps", sequences.map(\.count).max() ?? 0), ("vocab", vocabularySize),
        ("embed", embeddingSize), ("hidden", hiddenSize),
      ])
  }

  /// [B, 2] log-probabilities (neg, pos) in the file's order, from p(pos): [log(1 − p), log p].
  /// The classifier computes p = exp(log p(pos)) from its own log-softmax, so log p comes back to
  /// within an ulp, and log(1 − p) (as log1p(−p)) to within ~ε/(1 − p), as the tolerances assume.
  private func logProbabilities(_ outcome: BatchOutcome) -> [Double] {
    outcome.probabilities.flatMap { [log1p(-$0[1]), log($0[1])] }
  }
}
