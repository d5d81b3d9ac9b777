/// Fits a linear n-gram model to labelled training texts as a stage of a job:
///   1. count n-grams: the vocabulary of n-grams in ≥ minCount training reviews (no labels used);
///   2. vectorise: each review's (column, count) row;
///   3. choose C: the recurrent trainer's seeded validation split held out; for each candidate
///      C, the feature factor s (NBSVM's r from the kept reviews' labels, or their idf) and a
///      liblinear fit on the kept reviews, scored on the held-out ones (two fits at once);
///   4. calibrate: temperature and threshold fitted on the chosen C's held-out decision values
///      (`DecisionCalibration`), applied to the refitted model as they are;
///   5. refit: s and liblinear on every training review with the C of best validation accuracy
///      (the smaller C on a tie).
/// The test split is never seen.
public struct LinearTrainer: Stage {
  /// Features, solver, candidates, split.
  public private(set) var config: LinearConfig

  /// A trainer of `config`, which must have no `problem`.
  public init(config: LinearConfig) {
    precondition(config.problem == nil, config.problem ?? "")
    self.config = config
  }

  /// "train linear".
  public var name: String { "train \(config.displayName)" }

  /// The fitted model with the validation figures of every candidate.
  public func run(_ input: LabelledTexts, in job: Job) throws -> LinearFit {
    job.setItemCount(input.count)
    let (vocabulary, counts) = try vectorise(input.texts, job: job)
    let (kept, heldOut) = LabelledSequences.splitIndices(
      count: input.count, holdingOut: config.validationFraction, seed: config.seed)
    let candidates = try job.run(Step("choose C on validation") { (_: Void, job) in
      try choose(
        counts: counts, labels: input.labels, kept: kept, heldOut: heldOut,
        vocabulary: vocabulary, job: job)
    }, ())
    let best = candidates.min { a, b in
      a.validationAccuracy != b.validationAccuracy
        ? a.validationAccuracy > b.validationAccuracy : a.c < b.c
    }!
    var calibrating = self
    calibrating.config.calibration = DecisionCalibration(
      fittingDecisions: best.decisions, labels: heldOut.map { input.labels[$0] })
    let calibrated = calibrating
    let refitted = try job.run(Step("refit on all train, C = \(best.c)") { (_: Void, job) in
      job.setItemCount(counts.rowCount)
      return try calibrated.fit(counts, input.labels, c: best.c, vocabulary: vocabulary)
    }, ())
    return LinearFit(
      model: refitted, candidates: candidates, trainCount: kept.count, validationCount: heldOut.count)
  }

  /// The model of constant `c` fitted on `input` alone (its own n-gram vocabulary, factor s and
  /// weights), with no validation: for a model that must not see some reviews, such as the
  /// held-out ones an ensemble's weight is fitted on.
  public func fit(_ input: LabelledTexts, c: Double, in job: Job) throws -> LinearModel {
    let (vocabulary, counts) = try vectorise(input.texts, job: job)
    return try job.run(Step("fit, C = \(c)") { (_: Void, job) in
      job.setItemCount(counts.rowCount)
      return try fit(counts, input.labels, c: c, vocabulary: vocabulary)
    }, ())
  }

  /// Steps 1 and 2: the n-gram vocabulary of `texts` and their rows of counts.
  private func vectorise(_ texts: [String], job: Job) throws -> (NgramVocabulary, SparseRows) {
    let config = self.config
    let vocabulary = try job.run(Step("count n-grams") { (texts: [String], job) in
      job.setItemCount(texts.count)
      return try NgramVocabulary.build(
        texts: texts, tokenizer: config.tokenizer, maxOrder: config.maxOrder,
        minCount: config.minCount)
    }, texts)
    let counts = try job.run(Step("vectorise") { (texts: [String], job) in
      job.setItemCount(texts.count)
      var rows = SparseRows(columnCount: vocabulary.count)
      for row in Parallel.mapElements(texts, { vocabulary.counts(of: $0) ?? [] }) {
        rows.append(row: row)
      }
      return rows
    }, texts)
    return (vocabulary, counts)
  }

  /// s and liblinear on every row of `counts`, at constant `c`.
  private func fit(_ counts: SparseRows, _ labels: [Int], c: Double, vocabulary: NgramVocabulary)
    throws -> LinearModel
  {
    var chosen = config
    chosen.chosenC = c
    let (scale, problem) = prepare(counts, labels)
    let liblinear = try problem.train(solver: config.solver, c: c, tolerance: config.tolerance)
    return model(liblinear, scale: scale, config: chosen, vocabulary: vocabulary)
  }

  /// Every candidate fitted on the `kept` rows and scored on the `heldOut` ones, two at once
  /// (liblinear only reads the problem).
  private func choose(
    counts: SparseRows, labels: [Int], kept: [Int], heldOut: [Int], vocabulary: NgramVocabulary,
    job: Job
  ) throws -> [LinearFit.Candidate] {
    job.setItemCount(kept.count)
    let (scale, problem) = prepare(counts.subset(kept), kept.map { labels[$0] })
    let heldOutRows = heldOut.map { i in
      let r = counts.range(ofRow: i)
      return Array(zip(counts.columns[r], counts.values[r]))
    }
    let heldOutLabels = heldOut.map { labels[$0] }
    let config = self.config
    let outcomes = Parallel.map(config.constants.count) { k -> Result<LinearFit.Candidate, Error> in
      Result {
        var candidate = config
        candidate.chosenC = config.constants[k]
        let stopwatch = Stopwatch()
        let liblinear = try problem.train(
          solver: config.solver, c: config.constants[k], tolerance: config.tolerance)
        let seconds = stopwatch.seconds
        let fitted = model(liblinear, scale: scale, config: candidate, vocabulary: vocabulary)
        let decisions = heldOutRows.map(fitted.decision(counts:))
        let metrics = BinaryMetrics(
          probabilities: heldOutRows.map(fitted.probability(counts:)), labels: heldOutLabels)
        return LinearFit.Candidate(
          c: config.constants[k], validationAccuracy: metrics.accuracy,
          validationLogLoss: metrics.logLoss, seconds: seconds, decisions: decisions)
      }
    }
    return try outcomes.map { try $0.get() }
  }

  /// The feature factor s fitted on `counts` and `labels`, and the liblinear problem of the
  /// features it gives.
  private func prepare(_ counts: SparseRows, _ labels: [Int]) -> ([Float], LiblinearProblem) {
    let scale = config.weighting.scale(counts: counts, labels: labels, alpha: config.alpha)
    let features = config.weighting.features(of: counts, scale: scale)
    return (scale, LiblinearProblem(features: features, labels: labels))
  }

  /// liblinear's weights, rounded to Float, as a model.
  private func model(
    _ liblinear: LiblinearModel, scale: [Float], config: LinearConfig, vocabulary: NgramVocabulary
  ) -> LinearModel {
    LinearModel(
      config: config, vocabulary: vocabulary, scale: scale,
      weights: liblinear.weights.map(Float.init), bias: Float(liblinear.bias))
  }
}
