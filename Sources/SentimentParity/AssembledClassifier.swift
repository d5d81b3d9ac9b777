import SentimentKit
/// Runs a classifier case on a `Classifier` assembled around the layer a `TorchLayer` builds:
/// a zero embedding (padding row 0) and a zero head, all loaded from the file's weights; one
/// forward and backward pass, then one `Adam` step with the file's settings.
struct AssembledClassifier<T: Scalar>: TorchLayerVisitor {
  /// The case.
  let file: ParityFile
  /// What the file describes.
  let spec: ClassifierSpec
  /// What each quantity is held to.
  let tolerances: ParityTolerances

  /// Wraps `layer` in the classifier and runs the case.
  func visit<Layer: ParityModel>(_ layer: Layer) throws -> ParityResult where Layer.T == T {
    let classifier = Classifier(
      embedding: Embedding<T>(
        vocabularySize: spec.vocabularySize, embeddingSize: spec.embeddingSize, paddingIndex: 0),
      encoder: layer, head: Dense<T>(inputSize: layer.finalSize, outputSize: 2), readout: .final,
      encoderName: spec.config.encoderName)
    let parameters = classifier.parameters
    try file.load("weights", into: parameters)
    var grads = parameters.zerosLike()
    var generator = SplitMix64(seed: 0)  // dropout 0: never drawn from
    let outcome = classifier.accumulateGradients(
      sequences: spec.sequences, labels: spec.labels, into: &grads, using: &generator)
    let settings = spec.adam
    var adam = Adam(
      for: parameters, learningRate: settings.learningRate, beta1: settings.beta1,
      beta2: settings.beta2, epsilon: settings.epsilon)
    adam.update(parameters, along: grads)
    return try spec.compare(
      file, outcome, gradients: grads, parameters: parameters, tolerances: tolerances)
  }
}
