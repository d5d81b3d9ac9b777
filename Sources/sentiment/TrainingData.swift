import Foundation
import SentimentKit

/// A labelled corpus ready for training and testing: optionally sampled down, encoded with the
/// vocabulary (built from the train split, or the model's own when resuming), truncated, and
/// with empty reviews set aside and counted.
struct TrainingData {
  /// Labelled train reviews (before the validation split).
  let train: LabelledSequences
  /// Labelled test reviews.
  let test: LabelledSequences
  /// The test reviews' texts, parallel to `test`, for the report's examples.
  let testTexts: [String]
  /// The class names, in index order.
  let labels: [String]
  /// The vocabulary used.
  let vocabulary: Vocabulary
  /// Lines for the report's data section.
  private(set) var summary: [String]
  /// Reviews a teacher labelled (`sentiment train --teacher`), trained on beside the train
  /// split's kept share, never held out for validation; nil without a teacher.
  private(set) var teacherLabelled: LabelledSequences?

  /// Adds the reviews a teacher labelled, and their summary lines.
  mutating func add(_ teacher: TeacherData) {
    teacherLabelled = teacher.labelled
    summary += teacher.summary
  }

  init(corpus given: LabelledCorpus, text: TextConfig, vocabulary known: Vocabulary?, limit: Int?, seed: UInt64, job: Job) throws {
    var corpus = given
    if let limit { corpus.limit(to: limit, seed: seed) }
    let vocabulary = try known ?? job.run(
      VocabularyBuilder(maxWords: text.vocabularyWords, tokenizer: text.tokenizer), corpus.train.map(\.text))
    let encoder = ReviewEncoder(vocabulary: vocabulary)
    let (train, trainEmpty) = Self.labelled(corpus, corpus.train, try job.run(encoder, corpus.train.map(\.text)), text)
    let (test, testEmpty) = Self.labelled(corpus, corpus.test, try job.run(encoder, corpus.test.map(\.text)), text)
    self.train = train
    self.test = test
    let emptySet = Set(testEmpty)
    testTexts = corpus.test.filter { !emptySet.contains($0.source) }.map(\.text)
    labels = corpus.labels
    self.vocabulary = vocabulary
    var lines = corpus.summary
    lines.append("Train: \(train.count) labelled reviews; test: \(test.count)" + (limit.map { " (at most \($0) per split, balanced by class, seeded)" } ?? ""))
    lines.append("Vocabulary: \(vocabulary.count) ids (\(vocabulary.count - 2) words, `<pad>` = 0, `<unk>` = 1), built from the train split")
    lines.append(ReviewTexts.emptyLine(trainEmpty + testEmpty))
    summary = lines
  }

  /// Sequences truncated to the model's length, labelled with their class indices; reviews
  /// with no tokens are returned by source.
  static func labelled(_ corpus: LabelledCorpus, _ reviews: [LabelledReview], _ encoded: [[Int32]], _ text: TextConfig)
    -> (LabelledSequences, [String])
  {
    var sequences = [[Int32]]()
    var labels = [Int]()
    var sources = [String]()
    var empty = [String]()
    for (review, ids) in zip(reviews, encoded) {
      guard !ids.isEmpty else {
        empty.append(review.source)
        continue
      }
      sequences.append(text.truncated(ids))
      labels.append(corpus.classIndex(of: review))
      sources.append(review.source)
    }
    return (LabelledSequences(sequences: sequences, labels: labels, sources: sources), empty)
  }
}
