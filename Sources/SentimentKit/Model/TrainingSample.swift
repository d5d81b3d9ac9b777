/// Which IMDB reviews a model was trained on: at most `limit` of each split (balanced, seeded;
/// nil: all) and the seeded share held out for validation. Models of the same sample held out
/// the same reviews.
public struct TrainingSample: Equatable, Sendable {
  /// Reviews per split, or nil for all.
  public var limit: Int?
  /// Seeds the sample and the validation split.
  public var seed: UInt64
  /// Share of the train reviews held out.
  public var validationFraction: Double

  /// A sample of every field.
  public init(limit: Int?, seed: UInt64, validationFraction: Double) {
    self.limit = limit
    self.seed = seed
    self.validationFraction = validationFraction
  }
}
