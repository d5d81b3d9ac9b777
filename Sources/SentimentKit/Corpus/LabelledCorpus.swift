/// A labelled corpus ready to train and test on: the train and test reviews, the classes in
/// index order, and where the test reviews came from. Built from a `--data` source and, when
/// given, a `--test-data` source; otherwise from the source's own train/test split, or else a
/// seeded, stratified share of `--data` held out.
///
/// Classes are `--labels` in the order given, or every training label sorted (byte order): so
/// IMDB's are neg (0), pos (1), as they always were. Every class must have training reviews;
/// a review whose label is not a class is an error naming its file and line.
public struct LabelledCorpus: Sendable {
  /// Where the test reviews came from.
  public enum TestOrigin: Sendable, Equatable {
    /// The source's own test split (aclImdb's test/, a class folder's test/).
    case sourceSplit
    /// A separate source, `--test-data`.
    case separate(String)
    /// A stratified share of the data, drawn with a seed.
    case heldOut(fraction: Double, seed: UInt64)
  }

  /// The class names; a review's class index is its label's position here.
  public let labels: [String]
  /// Training reviews (before any validation split), in source order.
  public var train: [LabelledReview]
  /// Test reviews, in source order.
  public var test: [LabelledReview]
  /// Where `test` came from.
  public let testOrigin: TestOrigin
  /// The data source, for reports.
  public let dataDescription: String
  private let index: [String: Int]

  /// Reads `data` (and `testData` when given) as stages of `job`. `labels` fixes the classes
  /// and their order; `heldOutFraction` and `seed` draw the test share when neither a test
  /// source nor a split of the source's own gives one.
  public init(
    data: any CorpusSource, testData: (any CorpusSource)?, labels given: [String]?,
    heldOutFraction: Double, seed: UInt64, job: Job
  ) throws {
    precondition(heldOutFraction > 0 && heldOutFraction < 1, "held-out share in (0, 1)")
    let dataReviews = try Self.read(data, job: job)
    var train: [LabelledReview]
    var test: [LabelledReview]
    if let testData {
      train = dataReviews.filter { $0.split != .test }
      test = try Self.read(testData, job: job)
      testOrigin = .separate(testData.path)
    } else if dataReviews.contains(where: { $0.split != nil }) {
      train = dataReviews.filter { $0.split == .train }
      test = dataReviews.filter { $0.split == .test }
      testOrigin = .sourceSplit
    } else {
      (train, test) = Self.stratifiedSplit(dataReviews, fraction: heldOutFraction, seed: seed)
      testOrigin = .heldOut(fraction: heldOutFraction, seed: seed)
    }
    guard !train.isEmpty else { throw CorpusError.unusable(data.path, reason: "no training reviews") }
    guard !test.isEmpty else {
      throw CorpusError.unusable(testData?.path ?? data.path, reason: "no test reviews")
    }
    let labels = given ?? Array(Set(train.map(\.label))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    guard labels.count >= 2 else {
      throw CorpusError.unusable(
        data.path, reason: "only one class, \(labels.map(\.quoted).joined()): a classifier needs at least two")
    }
    guard Set(labels).count == labels.count else {
      throw CorpusError.unusable(data.path, reason: "--labels names a class twice")
    }
    index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    for review in train + test where index[review.label] == nil {
      throw CorpusError.unknownLabel(review.source, label: review.label, known: labels)
    }
    var counts = [Int](repeating: 0, count: labels.count)
    for review in train { counts[index[review.label] ?? 0] += 1 }
    if let empty = counts.firstIndex(of: 0) {
      throw CorpusError.noExamples(label: labels[empty], in: "the training reviews of \(data.path)")
    }
    self.labels = labels
    self.train = train
    self.test = test
    dataDescription = "\(data.kindDescription) `\(data.path)`"
  }

  /// The class index of `review`'s label (every review of the corpus has one).
  public func classIndex(of review: LabelledReview) -> Int {
    guard let k = index[review.label] else { preconditionFailure("\(review.source): checked when read") }
    return k
  }

  /// Each split cut to at most `limit` reviews (see `sample`): train with `seed`, test with
  /// `seed + 1`.
  public mutating func limit(to limit: Int, seed: UInt64) {
    train = sample(train, limit: limit, seed: seed)
    test = sample(test, limit: limit, seed: seed &+ 1)
  }

  /// At most `limit` reviews, about as many of each class as the others (class k gets
  /// ⌊limit·(k+1)/N⌋ − ⌊limit·k/N⌋, so two classes get ⌊limit/2⌋ and the rest), chosen by one
  /// seeded shuffle per class, class by class, and kept in corpus order.
  public func sample(_ reviews: [LabelledReview], limit: Int, seed: UInt64) -> [LabelledReview] {
    guard reviews.count > limit else { return reviews }
    var generator = SplitMix64(seed: seed)
    var chosen = [Int]()
    let n = labels.count
    for k in 0..<n {
      let indices = reviews.indices.filter { classIndex(of: reviews[$0]) == k }.shuffled(using: &generator)
      chosen += indices.prefix(limit * (k + 1) / n - limit * k / n)
    }
    return chosen.sorted().map { reviews[$0] }
  }

  /// Lines for a report's data section: the source, the classes, counts per class, and where
  /// the test reviews came from.
  public var summary: [String] {
    func counts(_ reviews: [LabelledReview]) -> String {
      var per = [Int](repeating: 0, count: labels.count)
      for review in reviews { per[classIndex(of: review)] += 1 }
      return zip(labels, per).map { "\($0) \($1)" }.joined(separator: ", ")
    }
    let origin: String
    switch testOrigin {
    case .sourceSplit: origin = "the source's own test split"
    case .separate(let path): origin = "`\(path)` (--test-data)"
    case .heldOut(let fraction, let seed):
      origin = String(format: "held out from the data: a stratified %.0f%% of each class, seed %llu", 100 * fraction, seed)
    }
    return [
      "Data: \(dataDescription)",
      "Classes (index order): \(labels.joined(separator: ", "))",
      "Train reviews per class: \(counts(train))",
      "Test reviews per class: \(counts(test)); test set: \(origin)",
    ]
  }

  // Every review of `source`, as a stage.
  private static func read(_ source: any CorpusSource, job: Job) throws -> [LabelledReview] {
    try job.run(Step("read \(source.kindDescription)") { (_: Void, job) in
      var reviews: [LabelledReview] = []
      try source.forEach(in: job) { reviews.append($0) }
      job.setItemCount(reviews.count)
      return reviews
    }, ())
  }

  /// Per label (in order of first appearance), round(fraction · count) reviews drawn by a
  /// seeded shuffle go to test; both parts keep the source order.
  static func stratifiedSplit(_ reviews: [LabelledReview], fraction: Double, seed: UInt64)
    -> (train: [LabelledReview], test: [LabelledReview])
  {
    var generator = SplitMix64(seed: seed ^ 0x7465_7374)  // "test": apart from other streams
    var byLabel: [String: [Int]] = [:]
    var order: [String] = []
    for (i, review) in reviews.enumerated() {
      if byLabel[review.label] == nil { order.append(review.label) }
      byLabel[review.label, default: []].append(i)
    }
    var isTest = [Bool](repeating: false, count: reviews.count)
    for label in order {
      let members = byLabel[label] ?? []
      let count = Int((Double(members.count) * fraction).rounded())
      for i in members.shuffled(using: &generator).prefix(count) { isTest[i] = true }
    }
    return (
      reviews.indices.filter { !isTest[$0] }.map { reviews[$0] },
      reviews.indices.filter { isTest[$0] }.map { reviews[$0] }
    )
  }
}
