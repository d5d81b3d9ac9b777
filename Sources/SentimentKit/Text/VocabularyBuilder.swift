/// The stage that builds a `Vocabulary` from the texts it is given: the caller passes only
/// training texts, so nothing of the test set leaks into the vocabulary.
public struct VocabularyBuilder: Stage {
  /// Words kept, besides `<pad>` and `<unk>`: 20,000 words give 20,002 ids.
  public var maxWords: Int
  /// How texts are split into tokens.
  public var tokenizer: Tokenizer

  /// A builder keeping the `maxWords` most frequent train tokens.
  public init(maxWords: Int = 20_000, tokenizer: Tokenizer = Tokenizer()) {
    self.maxWords = maxWords
    self.tokenizer = tokenizer
  }

  /// "build vocabulary".
  public var name: String { "build vocabulary" }

  /// Counts the tokens of `train` (unlabelled texts too, if the caller adds them) and keeps the
  /// most frequent; records how many texts were counted.
  public func run(_ train: [String], in job: Job) throws -> Vocabulary {
    job.setItemCount(train.count)
    return Vocabulary.build(from: train, maxWords: maxWords, tokenizer: tokenizer)
  }
}
