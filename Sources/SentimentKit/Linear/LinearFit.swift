/// What fitting a linear model gives back: the model and how each candidate C fared on the
/// validation split.
public struct LinearFit: Sendable {
  /// One candidate regularisation constant.
  public struct Candidate: Sendable {
    /// C.
    public var c: Double
    /// Accuracy on the validation split of the model fitted on the rest.
    public var validationAccuracy: Double
    /// Mean −log p(true class) on the validation split.
    public var validationLogLoss: Double
    /// Seconds liblinear took.
    public var seconds: Double
    /// The decision values d of the held-out reviews, in their order.
    public var decisions: [Double]
  }

  /// Refitted on every training review with the chosen C.
  public var model: LinearModel
  /// The candidates, in the order tried.
  public var candidates: [Candidate]
  /// Reviews the candidates were fitted on.
  public var trainCount: Int
  /// Reviews they were scored on.
  public var validationCount: Int
}
