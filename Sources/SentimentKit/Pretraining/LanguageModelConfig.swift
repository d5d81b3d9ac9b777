/// How a recurrent language model is pretrained (see `LanguageModelTraining`): saved in its
/// folder's config.json with the figures it reached.
public struct LanguageModelConfig: Codable, Equatable, Sendable {
  /// Candidate words K scored per batch by the sampled softmax (the whole vocabulary when K is
  /// at least its size).
  public var candidates = 1024
  /// Passes over the text.
  public var epochs = 1
  /// Adam's base rate; warmed up linearly over the first 1% of updates, then cosine-decayed to 0.
  public var learningRate = 2e-3
  /// Training reviews are cut into pieces of at most this many tokens, each overlapping the
  /// next by one token so that every next-word (and previous-word) prediction is made exactly
  /// once; many short pieces give many updates per pass and full batches at every step (the
  /// BPTT length of Merity et al. and Howard & Ruder is 70). nil trains on whole reviews.
  public var chunkLength: Int? = 64
  /// Most tokens in one batch (pieces are bucketed by length).
  public var batchTokens = 4096
  /// Most sequences (pieces) in one batch.
  public var batchSize = 64
  /// Largest global gradient norm; nil turns clipping off.
  public var clipNorm: Double? = 1
  /// Reviews held out (seeded) to measure perplexity after each epoch.
  public var heldOutReviews = 500
  /// Seeds the initial weights, the held-out split, the batch order and the candidates.
  public var seed: UInt64 = 42

  /// The defaults: one pass, 1,024 candidates.
  public init() {}

  /// A description of what is wrong, or nil.
  public var problem: String? {
    if !(1...1_000_000).contains(candidates) { return "candidates must be in 1 … 1,000,000, not \(candidates)" }
    if !(1...1000).contains(epochs) { return "epochs must be in 1 … 1000, not \(epochs)" }
    if !(learningRate > 0 && learningRate < 10) { return "learning rate must be in (0, 10), not \(learningRate)" }
    if let chunkLength, !(2...1_000_000).contains(chunkLength) { return "chunk length must be in 2 … 1,000,000, not \(chunkLength)" }
    if !(1...(1 << 24)).contains(batchTokens) { return "batch tokens must be in 1 … 16,777,216, not \(batchTokens)" }
    if !(1...1_000_000).contains(batchSize) { return "batch size must be in 1 … 1,000,000, not \(batchSize)" }
    if let c = clipNorm, !(c > 0 && c.isFinite) { return "the clipping norm must be positive, not \(c)" }
    if !(0...1_000_000).contains(heldOutReviews) { return "held-out reviews must be in 0 … 1,000,000, not \(heldOutReviews)" }
    return nil
  }

  /// A review cut into pieces of at most `chunkLength` tokens, each starting at the previous
  /// one's last token: [0, L), [L − 1, 2L − 1), …, so every adjacent pair of words is in exactly
  /// one piece; the review itself when it is no longer (or with no `chunkLength`).
  public func pieces(of sequence: [Int32]) -> [[Int32]] {
    guard let length = chunkLength, sequence.count > length else { return [sequence] }
    return stride(from: 0, to: sequence.count - 1, by: length - 1).map {
      Array(sequence[$0..<Swift.min(sequence.count, $0 + length)])
    }
  }

  /// Why a classifier architecture cannot be pretrained as a language model, or nil: a
  /// bidirectional encoder must be one layer whose directions are concatenated (a second
  /// bidirectional layer would see the words it predicts).
  public static func problem(of model: ModelConfig) -> String? {
    if let problem = model.problem { return problem }
    guard model.bidirectional else { return nil }
    if model.layers != 1 {
      return "a bidirectional language model has one layer (a second would see the words it predicts); use --layers 1 or --no-bidirectional"
    }
    if model.merge != .concat { return "a bidirectional language model concatenates its directions (--merge concat)" }
    return nil
  }
}
