import Foundation
import SentimentKit

/// The IMDB reviews ready for training and testing: read, optionally sampled down, encoded with
/// the vocabulary (built from the train split, or the model's own when resuming), truncated,
/// and with empty reviews set aside and counted.
struct TrainingData {
  /// Labelled train reviews (before the validation split).
  let train: LabelledSequences
  /// Labelled test reviews.
  let test: LabelledSequences
  /// The test reviews themselves, parallel to `test`, for the report's examples.
  let testReviews: [Review]
  /// The vocabulary used.
  let vocabulary: Vocabulary
  /// Lines for the report's data section.
  let summary: [String]

  init(archive: String, text: TextConfig, vocabulary given: Vocabulary?, limit: Int?, seed: UInt64, job: Job) throws {
    let (corpus, trainReviews, testReviews) = try Self.reviews(archive: archive, limit: limit, seed: seed, job: job)
    let vocabulary = try given ?? job.run(
      VocabularyBuilder(maxWords: text.vocabularyWords, tokenizer: text.tokenizer), trainReviews)
    let encoder = ReviewEncoder(vocabulary: vocabulary)
    let (train, trainEmpty) = Self.labelled(trainReviews, try job.run(encoder, trainReviews), text)
    let (test, testEmpty) = Self.labelled(testReviews, try job.run(encoder, testReviews), text)
    self.train = train
    self.test = test
    self.testReviews = testEmpty.isEmpty ? testReviews : testReviews.filter { !testEmpty.contains($0.source) }
    self.vocabulary = vocabulary
    var lines = [
      "Archive: `\(archive)`",
      "Train: \(train.count) labelled reviews; test: \(test.count)" + (limit.map { " (at most \($0) per split, balanced, seeded)" } ?? ""),
      "Vocabulary: \(vocabulary.count) ids (\(vocabulary.count - 2) words, `<pad>` = 0, `<unk>` = 1), built from the train split",
      "Invalid UTF-8 repaired: \(corpus.summary.repairedCount) reviews",
    ]
    let empty = trainEmpty + testEmpty
    lines.append("Reviews with no words, left out of training and testing: \(empty.count)" + (empty.isEmpty ? "" : " (\(empty.prefix(5).joined(separator: ", "))\(empty.count > 5 ? ", …" : ""))"))
    summary = lines
  }

  /// Sequences truncated to the model's length; reviews with no tokens are returned by source.
  static func labelled(_ reviews: [Review], _ encoded: [[Int32]], _ text: TextConfig)
    -> (LabelledSequences, [String])
  {
    var sequences = [[Int32]]()
    var labels = [Int]()
    var sources = [String]()
    var empty = [String]()
    for (review, ids) in zip(reviews, encoded) {
      guard !ids.isEmpty, let label = review.label else {
        empty.append(review.source)
        continue
      }
      sequences.append(text.truncated(ids))
      labels.append(label.index)
      sources.append(review.source)
    }
    return (LabelledSequences(sequences: sequences, labels: labels, sources: sources), empty)
  }

  /// The corpus read from `archive` and its labelled train and test reviews, each split cut to
  /// `limit` (see `sample`) when one is given.
  static func reviews(archive: String, limit: Int?, seed: UInt64, job: Job) throws
    -> (corpus: Corpus, train: [Review], test: [Review])
  {
    let corpus = try job.run(IMDBCorpus(path: archive))
    try corpus.summary.requireEveryLabel(of: archive)
    var train = corpus.labelled(.train)
    var test = corpus.labelled(.test)
    if let limit {
      train = sample(train, limit: limit, seed: seed)
      test = sample(test, limit: limit, seed: seed &+ 1)
    }
    return (corpus, train, test)
  }

  /// At most `limit` reviews, half of each label where possible, chosen by a seeded shuffle and
  /// kept in corpus order.
  static func sample(_ reviews: [Review], limit: Int, seed: UInt64) -> [Review] {
    guard reviews.count > limit else { return reviews }
    var generator = SplitMix64(seed: seed)
    var chosen = [Int]()
    for label in Review.Label.allCases {
      let indices = reviews.indices.filter { reviews[$0].label == label }.shuffled(using: &generator)
      chosen += indices.prefix(label == .neg ? limit / 2 : limit - limit / 2)
    }
    return chosen.sorted().map { reviews[$0] }
  }
}
