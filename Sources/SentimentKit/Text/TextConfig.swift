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

  /// `ids` cut to `maxLength` at the configured end (all of them when there is no cap).
  public func truncated(_ ids: [Int32]) -> [Int32] {
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
