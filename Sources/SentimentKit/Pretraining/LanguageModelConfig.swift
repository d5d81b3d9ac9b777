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
  /// Most tokens in one batch (sequences are bucketed by length, whole).
  public var batchTokens = 16_384
  /// Most sequences in one batch.
  public var batchSize = 128
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
    if !(1...(1 << 24)).contains(batchTokens) { return "batch tokens must be in 1 … 16,777,216, not \(batchTokens)" }
    if !(1...1_000_000).contains(batchSize) { return "batch size must be in 1 … 1,000,000, not \(batchSize)" }
    if let c = clipNorm, !(c > 0 && c.isFinite) { return "the clipping norm must be positive, not \(c)" }
    if !(0...1_000_000).contains(heldOutReviews) { return "held-out reviews must be in 0 … 1,000,000, not \(heldOutReviews)" }
    return nil
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
