/// How raw review text becomes a model's input: saved with the model, so classifying new text
/// uses exactly the preprocessing the model was trained with.
public struct TextConfig: Codable, Equatable, Sendable {
  /// Lowercase before tokenizing.
  public var lowercases = true
  /// Words kept in the vocabulary (ids add PAD and OOV: `vocabularyWords + 2`).
  public var vocabularyWords = 20_000
  /// Longest token sequence fed to the model; nil reads whole reviews (batches are packed and
  /// bucketed by length, so a long review costs only its own steps).
  public var maxLength: Int? = 200
  /// Which end of a longer review is cut: `.pre` keeps the last `maxLength` tokens.
  public var truncation: Batcher.Side = .pre
  /// The Unicode version of the character tables the vocabulary was tokenized by, set by the
  /// commands that build or import one (`Tokenizer.unicodeVersion`: the scan it takes is kept
  /// out of every configuration's making); nil when not recorded (folders written before it
  /// was). A scalar assigned after it is a separator to the model.
  public var unicodeVersion: String?

  /// The maximum length in words: "200 tokens", or "whole reviews".
  public var lengthDescription: String { maxLength.map { "\($0) tokens" } ?? "whole reviews" }

  /// The most words a vocabulary may keep (10 million; IMDB has about 280,000 distinct tokens).
  public static let maxVocabularyWords = 10_000_000
  /// The longest `maxLength` (1 million tokens; IMDB's longest review has about 2,800).
  public static let maxLengthLimit = 1_000_000

  /// The defaults of `make train-imdb`.
  public init() {}

  /// The tokenizer these settings describe.
  public var tokenizer: Tokenizer { Tokenizer(lowercases: lowercases) }

  /// `ids` (or tokens) cut to `maxLength` at the configured end (all of them when there is no
  /// cap).
  public func truncated<Element>(_ ids: [Element]) -> [Element] {
    guard let maxLength, ids.count > maxLength else { return ids }
    return truncation == .pre ? Array(ids.suffix(maxLength)) : Array(ids.prefix(maxLength))
  }

  /// A description of what is wrong, or nil.
  public var problem: String? {
    if !(1...Self.maxVocabularyWords).contains(vocabularyWords) {
      return "vocabulary must keep 1 to \(Self.maxVocabularyWords) words, not \(vocabularyWords)"
    }
    if let maxLength, !(1...Self.maxLengthLimit).contains(maxLength) {
      return "max length must be 1 to \(Self.maxLengthLimit) tokens, not \(maxLength)"
    }
    return nil
  }
}

extension TextConfig {
  /// Reads settings in which any field may be missing (a file written by hand for an imported
  /// model): missing fields take their defaults, but `maxLength` is absent exactly when whole
  /// reviews are read, and `unicodeVersion` when it was not recorded.
  public init(from decoder: Decoder) throws {
    self.init()
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.update(&lowercases, .lowercases)
    try c.update(&vocabularyWords, .vocabularyWords)
    maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
    try c.update(&truncation, .truncation)
    unicodeVersion = try c.decodeIfPresent(String.self, forKey: .unicodeVersion)
  }
}
