/// A linear model folder's `config.json`: the kind, the model's settings and its size.
public struct LinearFolderConfig: Codable, Equatable, Sendable {
  /// The file's format, shared with recurrent model folders.
  public var format = ModelFolder.format
  /// Format version.
  public var formatVersion = ModelFolder.formatVersion
  /// Always `.linear`.
  public var kind = ModelKind.linear
  /// Features, solver, fit.
  public var linear: LinearConfig
  /// Feature columns: lines of ngrams.txt, entries of each weight vector.
  public var features: Int
  /// Class names by index: the model's d > 0 means the second.
  public var labels = ["neg", "pos"]

  /// The configuration of a model of `features` columns.
  public init(linear: LinearConfig, features: Int) {
    self.linear = linear
    self.features = features
  }
}
