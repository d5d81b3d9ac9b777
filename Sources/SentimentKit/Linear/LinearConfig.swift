/// What a linear n-gram model is and how it was fitted: saved as a linear model folder's
/// `config.json` `linear` field, enough to rebuild its features and to repeat the fit.
public struct LinearConfig: Codable, Equatable, Sendable {
  /// How counts become features.
  public var weighting: FeatureWeighting = .nbsvm
  /// The liblinear solver.
  public var solver: LiblinearSolver = .logisticRegression
  /// Longest n-gram, 1 to 3 words.
  public var maxOrder = 3
  /// An n-gram needs to occur in at least this many training reviews to be a feature.
  public var minCount = 2
  /// NBSVM's smoothing α of the counts p and q.
  public var alpha = 1.0
  /// Regularisation constants C tried; the one of best validation accuracy is kept.
  public var constants: [Double] = [0.1, 0.3, 1, 3]
  /// The C chosen (nil until fitted).
  public var chosenC: Double?
  /// Temperature and decision threshold fitted on the validation decisions of the chosen C
  /// (nil until fitted: T = 1, t = ½).
  public var calibration: DecisionCalibration?
  /// liblinear's stopping tolerance eps (its default for the primal solvers: the gradient norm
  /// reduced to eps times its start, scaled by the class balance).
  public var tolerance = 0.01
  /// Lowercase before tokenizing.
  public var lowercases = true
  /// Share of the training reviews held out to choose C (the recurrent trainer's seeded split).
  public var validationFraction = 0.1
  /// Seeds the validation split.
  public var seed: UInt64 = 42
  /// At most this many reviews of each split (balanced by label) for quick runs; nil uses all.
  public var reviewLimit: Int?

  /// NBSVM on uni-, bi- and trigrams with logistic regression.
  public init() {}

  /// The candidates usual for `weighting`: tf-idf rows have unit length, so they need a larger C
  /// than NBSVM's rows of many r-scaled ones.
  public static func defaultConstants(for weighting: FeatureWeighting) -> [Double] {
    weighting == .nbsvm ? [0.1, 0.3, 1, 3] : [10, 30, 100, 300]
  }

  /// The tokenizer of the features.
  public var tokenizer: Tokenizer { Tokenizer(lowercases: lowercases) }

  /// A short name, e.g. "NBSVM uni+bi+tri (logistic regression)".
  public var displayName: String {
    let orders = ["uni", "bi", "tri"].prefix(maxOrder).joined(separator: "+")
    let name = weighting == .nbsvm ? "NBSVM" : "TF-IDF"
    return "\(name) \(orders) (\(solver == .svm ? "linear SVM" : "logistic regression"))"
  }

  /// A file-name slug, e.g. "nbsvm" or "tfidf-svm-bi".
  public var slug: String {
    var name = weighting.rawValue
    if solver == .svm { name += "-svm" }
    if maxOrder != 3 { name += "-" + ["uni", "bi", "tri"][maxOrder - 1] }
    return name
  }

  /// A description of what is wrong, or nil.
  public var problem: String? {
    if !(1...3).contains(maxOrder) { return "n-grams must have 1 to 3 words, not \(maxOrder)" }
    if minCount < 1 { return "minimum count must be at least 1, not \(minCount)" }
    if !(alpha > 0) { return "alpha must be positive, not \(alpha)" }
    if constants.isEmpty || constants.contains(where: { !($0 > 0) }) {
      return "regularisation constants must be positive and at least one: \(constants)"
    }
    if let chosenC, !(chosenC > 0) { return "the chosen C must be positive, not \(chosenC)" }
    if let calibration, !(calibration.temperature > 0) || !(0...1).contains(calibration.threshold) {
      return "calibration needs a positive temperature and a threshold in [0, 1], not \(calibration)"
    }
    if !(tolerance > 0) { return "tolerance must be positive, not \(tolerance)" }
    if !(0..<1).contains(validationFraction) {
      return "validation fraction must be in [0, 1), not \(validationFraction)"
    }
    return nil
  }
}
