import Foundation
import SentimentKit

/// The IMDB reviews as raw labelled texts, for model kinds that read text themselves: read,
/// optionally sampled down as `TrainingData` samples, and reviews with no tokens set aside, so
/// the train list is the one `TrainingData` makes and the seeded validation split picks the same
/// reviews.
struct ReviewTexts {
  /// Labelled train reviews (before the validation split).
  let train: LabelledTexts
  /// Labelled test reviews.
  let test: LabelledTexts
  /// Lines for the report's data section.
  let summary: [String]

  init(archive: String, tokenizer: Tokenizer, limit: Int?, seed: UInt64, job: Job) throws {
    let (corpus, trainReviews, testReviews) = try TrainingData.reviews(
      archive: archive, limit: limit, seed: seed, job: job)
    let ((train, trainEmpty), (test, testEmpty)) = try job.run(Step("set aside reviews with no words") { (_: Void, job) in
      job.setItemCount(trainReviews.count + testReviews.count)
      return (Self.labelled(trainReviews, tokenizer), Self.labelled(testReviews, tokenizer))
    }, ())
    self.train = train
    self.test = test
    let empty = trainEmpty + testEmpty
    summary = [
      "Archive: `\(archive)`",
      "Train: \(train.count) labelled reviews; test: \(test.count)"
        + (limit.map { " (at most \($0) per split, balanced, seeded)" } ?? ""),
      "Invalid UTF-8 repaired: \(corpus.summary.repairedCount) reviews",
      "Reviews with no words, left out of training and testing: \(empty.count)"
        + (empty.isEmpty ? "" : " (\(empty.prefix(5).joined(separator: ", "))\(empty.count > 5 ? ", …" : ""))"),
    ]
  }

  /// The reviews with at least one token; the sources of the others.
  private static func labelled(_ reviews: [Review], _ tokenizer: Tokenizer) -> (LabelledTexts, [String]) {
    let hasWords = Parallel.mapElements(reviews) { !tokenizer.tokenize($0.text).isEmpty }
    var kept = LabelledTexts(texts: [], labels: [], sources: [])
    var empty = [String]()
    for (review, words) in zip(reviews, hasWords) {
      guard words, let label = review.label else {
        empty.append(review.source)
        continue
      }
      kept.texts.append(review.text)
      kept.labels.append(label.index)
      kept.sources.append(review.source)
    }
    return (kept, empty)
  }
}
