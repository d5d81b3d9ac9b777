import SentimentKit

/// The IMDB data ready for a model: the corpus read, the vocabulary built from train, and every
/// labelled review encoded; each step a stage of the given job.
struct PreparedData {
  /// Every review read, with its summary.
  let corpus: Corpus
  /// The labelled reviews of both splits, in corpus order.
  let reviews: [Review]
  /// Built from the train reviews.
  let vocabulary: Vocabulary
  /// `reviews` encoded with `vocabulary`, in the same order.
  let sequences: [[Int32]]

  /// Reads `archive`, keeps the `maxWords` most frequent train words, encodes all labelled
  /// reviews.
  init(archive: String, maxWords: Int, job: Job) throws {
    corpus = try job.run(IMDBCorpus(path: archive))
    try corpus.summary.requireEveryLabel(of: archive)
    reviews = corpus.labelled()
    vocabulary = try job.run(
      VocabularyBuilder(maxWords: maxWords), corpus.reviews.filter { $0.split == .train }.map(\.text))
    sequences = try job.run(ReviewEncoder(vocabulary: vocabulary), reviews.map(\.text))
  }
}
