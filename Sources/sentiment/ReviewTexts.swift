import Foundation
import SentimentKit

/// A labelled corpus as raw texts, for model kinds that read text themselves: optionally
/// sampled down as `TrainingData` samples, and reviews with no tokens set aside, so the train
/// list is the one `TrainingData` makes and the seeded validation split picks the same reviews.
struct ReviewTexts {
  /// Labelled train reviews (before the validation split).
  let train: LabelledTexts
  /// Labelled test reviews.
  let test: LabelledTexts
  /// The class names, in index order.
  let labels: [String]
  /// Lines for the report's data section.
  let summary: [String]

  init(corpus given: LabelledCorpus, tokenizer: Tokenizer, limit: Int?, seed: UInt64, job: Job) throws {
    var corpus = given
    if let limit { corpus.limit(to: limit, seed: seed) }
    let ((train, trainEmpty), (test, testEmpty)) = try job.run(Step("set aside reviews with no words") { (_: Void, job) in
      job.setItemCount(corpus.train.count + corpus.test.count)
      return (Self.labelled(corpus, corpus.train, tokenizer), Self.labelled(corpus, corpus.test, tokenizer))
    }, ())
    self.train = train
    self.test = test
    labels = corpus.labels
    summary = corpus.summary + [
      "Train: \(train.count) labelled reviews; test: \(test.count)"
        + (limit.map { " (at most \($0) per split, balanced by class, seeded)" } ?? ""),
      Self.emptyLine(trainEmpty + testEmpty),
    ]
  }

  /// The report line counting (and naming the first) reviews with no words.
  static func emptyLine(_ empty: [String]) -> String {
    "Reviews with no words, left out of training and testing: \(empty.count)"
      + (empty.isEmpty ? "" : " (\(empty.prefix(5).joined(separator: ", "))\(empty.count > 5 ? ", …" : ""))")
  }

  /// The reviews with at least one token; the sources of the others.
  private static func labelled(_ corpus: LabelledCorpus, _ reviews: [LabelledReview], _ tokenizer: Tokenizer) -> (LabelledTexts, [String]) {
    let hasWords = Parallel.mapElements(reviews) { !tokenizer.tokenize($0.text).isEmpty }
    var kept = LabelledTexts(texts: [], labels: [], sources: [])
    var empty = [String]()
    for (review, words) in zip(reviews, hasWords) {
      guard words else {
        empty.append(review.source)
        continue
      }
      kept.texts.append(review.text)
      kept.labels.append(corpus.classIndex(of: review))
      kept.sources.append(review.source)
    }
    return (kept, empty)
  }

  /// Throws unless the classes are the binary ones linear and ensemble models know (neg, pos).
  func requireBinary(_ command: String) throws {
    guard labels == ["neg", "pos"] else {
      throw CommandFailure(
        "\(command) fits binary neg/pos models only; this data has the classes \(labels.joined(separator: ", ")) (train a recurrent model with `sentiment train` for them)")
    }
  }
}
