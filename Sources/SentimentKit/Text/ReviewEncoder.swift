/// The stage that turns reviews into token id sequences with a vocabulary, on all cores.
public struct ReviewEncoder: Stage {
  /// The vocabulary (and tokenizer) to encode with.
  public var vocabulary: Vocabulary

  /// An encoder using `vocabulary`.
  public init(vocabulary: Vocabulary) {
    self.vocabulary = vocabulary
  }

  /// "encode".
  public var name: String { "encode" }

  /// The ids of each review text, in the order given; records the review count.
  public func run(_ texts: [String], in job: Job) throws -> [[Int32]] {
    job.setItemCount(texts.count)
    return vocabulary.encode(texts)
  }
}
