/// How word vectors are pretrained by skip-gram with negative sampling: saved with the vectors.
public struct SkipGramConfig: Codable, Equatable, Sendable {
  /// Vector width (the classifier's embedding width).
  public var dimensions = 128
  /// Largest distance of a context word; each centre draws its window from 1 … `window`.
  public var window = 5
  /// Noise words per context word.
  public var negatives = 5
  /// Passes over the text.
  public var epochs = 1
  /// SGD rate at the start, falling linearly to 0.0001 of it at the end (word2vec's 0.025).
  public var learningRate = 0.025
  /// t of the subsampling of frequent words: a word of frequency f is kept with probability
  /// (√(f/t) + 1)·t/f (word2vec's formula); 0 keeps every word.
  public var subsampling = 1e-4
  /// Seeds the initial vectors, the subsampling, the windows and the noise words.
  public var seed: UInt64 = 42

  /// word2vec's skip-gram defaults with 128-wide vectors.
  public init() {}

  /// A description of what is wrong, or nil.
  public var problem: String? {
    if !(1...4096).contains(dimensions) { return "dimensions must be in 1 … 4096, not \(dimensions)" }
    if !(1...100).contains(window) { return "window must be in 1 … 100, not \(window)" }
    if !(1...100).contains(negatives) { return "negatives must be in 1 … 100, not \(negatives)" }
    if !(1...1000).contains(epochs) { return "epochs must be in 1 … 1000, not \(epochs)" }
    if !(learningRate > 0 && learningRate < 10) { return "learning rate must be in (0, 10), not \(learningRate)" }
    if !(subsampling >= 0 && subsampling < 1) { return "subsampling must be in [0, 1), not \(subsampling)" }
    return nil
  }
}
