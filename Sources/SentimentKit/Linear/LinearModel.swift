/// A bag-of-n-grams linear classifier: a review's n-gram counts c become features x
/// (`FeatureWeighting` with its fitted per-column factor s), and
///   d = wᵀx + b,   p(pos) = σ(d)
/// with w and b fitted by liblinear, and p(pos) = σ(d / T) once a temperature T is fitted
/// (`DecisionCalibration`). Weights are Float, as saved; sums run in Double over a
/// row's columns in ascending order, so the same text gives the same bits before and after a save.
public struct LinearModel: ReviewClassifier, Sendable {
  /// Features, solver and how it was fitted.
  public let config: LinearConfig
  /// The n-grams, one column each.
  public let vocabulary: NgramVocabulary
  /// s, the per-column factor of the features: NBSVM's r or TF-IDF's idf.
  public let scale: [Float]
  /// w, one weight per column.
  public let weights: [Float]
  /// b.
  public let bias: Float

  /// A model of these parts; `scale` and `weights` have one entry per n-gram.
  public init(
    config: LinearConfig, vocabulary: NgramVocabulary, scale: [Float], weights: [Float], bias: Float
  ) {
    precondition(scale.count == vocabulary.count && weights.count == vocabulary.count)
    self.config = config
    self.vocabulary = vocabulary
    self.scale = scale
    self.weights = weights
    self.bias = bias
  }

  /// `.linear`.
  public var kind: ModelKind { .linear }

  /// E.g. "NBSVM uni+bi+tri (logistic regression)".
  public var displayName: String { config.displayName }

  /// w and b (s is fitted too, but by counting, not by the solver).
  public var parameterCount: Int { weights.count + 1 }

  /// The features' tokenizer.
  public var tokenizer: Tokenizer { config.tokenizer }

  /// The configuration's review limit, seed and validation share.
  public var sample: TrainingSample {
    TrainingSample(limit: config.reviewLimit, seed: config.seed, validationFraction: config.validationFraction)
  }

  /// The same settings and C refitted on the `kept` reviews: the saved fit used every one.
  public func heldOutTwin(train: LabelledTexts, kept: [Int], job: Job) throws -> any ReviewClassifier {
    guard let c = config.chosenC else {
      throw LinearModelError.inconsistent(file: "config.json", reason: "the linear model has no chosen C")
    }
    return try LinearTrainer(config: config).fit(train.subset(kept), c: c, in: job)
  }

  /// Features and fit.
  public var settings: [(String, String)] {
    let c = config
    return [
      ("model", c.displayName),
      ("features", "\(TrainingReport.grouped(vocabulary.count)) n-grams of 1–\(c.maxOrder) words in ≥ \(c.minCount) training reviews"),
      ("weighting", c.weighting == .nbsvm ? "binary × log-count ratio r (α = \(c.alpha))" : "sublinear tf × idf, L2-normalised"),
      ("solver", "liblinear \(c.solver.rawValue) (primal), eps \(c.tolerance), bias as a regularised constant feature"),
      ("C", c.chosenC.map { "\($0), chosen on validation from \(c.constants.map { "\($0)" }.joined(separator: ", "))" } ?? "–"),
      ("calibration", c.calibration.map { String(format: "temperature %.3f, threshold %.3f, fitted on the validation decisions of the chosen C", $0.temperature, $0.threshold) } ?? "none"),
      ("text", "lowercase \(c.lowercases), the recurrent models' tokenizer"),
    ]
  }

  /// d = wᵀx + b for a row of (column, count) pairs.
  public func decision(counts row: [(Int32, Float)]) -> Double {
    var d = Double(bias)
    for (column, x) in config.weighting.features(of: row, scale: scale) {
      d += Double(x) * Double(weights[Int(column)])
    }
    return d
  }

  /// p(pos) = σ(d / T) for a row of (column, count) pairs: for logistic regression σ(d) is the
  /// probability its loss is the negative log of; for the SVM a monotone score until T is fitted.
  public func probability(counts row: [(Int32, Float)]) -> Double {
    (config.calibration ?? .identity).probability(decision: decision(counts: row))
  }

  /// The fitted threshold t, or ½.
  public var decisionThreshold: Double { config.calibration?.threshold ?? 0.5 }

  /// Binary: neg, pos.
  public var labels: [String] { ["neg", "pos"] }

  /// (1 − p(pos), p(pos)) of each text on all cores; nil for a text with no tokens.
  public func classProbabilities(ofTexts texts: [String]) -> [[Double]?] {
    Parallel.mapElements(texts) { text in
      vocabulary.counts(of: text).map(probability(counts:)).map { [1 - $0, $0] }
    }
  }

  /// The saved tensors: "weight" w [F], "bias" b [1], "scale" s [F].
  public var tensors: [NamedTensor<Float>] {
    [
      NamedTensor("weight", vector: Matrix(rows: 1, cols: weights.count, data: weights)),
      NamedTensor("bias", vector: Matrix(rows: 1, cols: 1, data: [bias])),
      NamedTensor("scale", vector: Matrix(rows: 1, cols: scale.count, data: scale)),
    ]
  }
}
