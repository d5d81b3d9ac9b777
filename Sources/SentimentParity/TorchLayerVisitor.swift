import SentimentKit
/// What to do with the layer a `TorchLayer` describes once its concrete type is built (Swift has
/// no generic closures): run it as a layer case, or wrap it in a classifier.
protocol TorchLayerVisitor {
  /// The scalar type to build the layer in.
  associatedtype T: Scalar
  /// Runs `layer` (zero weights; the visitor loads the file's) and gives the case's result.
  func visit<Layer: ParityModel>(_ layer: Layer) throws -> ParityResult where Layer.T == T
}
