import Foundation

/// Pretrained word vectors with the vocabulary and text settings they were trained with: what
/// `sentiment pretrain` writes and `sentiment train --init` starts a classifier from. On disk a
/// folder:
///   vectors.safetensors   "embedding.weight" [ids, dimensions], F32 (the classifier's name)
///   vocab.txt             the vocabulary (see `Vocabulary`)
///   config.json           format, text settings, skip-gram settings, losses
public struct WordVectors {
  /// What config.json holds.
  public struct Config: Codable, Equatable, Sendable {
    /// Identifies the file's format.
    public var format = "sentimentkit-word-vectors"
    /// Format version.
    public var formatVersion = 1
    /// How text became ids.
    public var text: TextConfig
    /// How the vectors were trained.
    public var skipGram: SkipGramConfig
    /// Mean loss per pair, one per epoch.
    public var epochLosses: [Double]
    /// Reviews and words of the text trained on.
    public var reviews: Int
    /// Words (vocabulary words, `<unk>` excluded) of the text trained on.
    public var words: Int
    /// The command line that made the vectors.
    public var command: String?
    /// Seconds of the whole pretraining job.
    public var seconds: Double?
    /// The job's peak resident memory, MiB.
    public var peakMiB: Double?

    /// The record of one pretraining run.
    public init(
      text: TextConfig, skipGram: SkipGramConfig, epochLosses: [Double], reviews: Int, words: Int
    ) {
      self.text = text
      self.skipGram = skipGram
      self.epochLosses = epochLosses
      self.reviews = reviews
      self.words = words
    }
  }

  /// The vocabulary the rows follow.
  public let vocabulary: Vocabulary
  /// [vocabulary.count, dimensions].
  public let vectors: Matrix<Float>
  /// The settings and figures.
  public let config: Config

  /// Vectors for `vocabulary`'s ids.
  public init(vocabulary: Vocabulary, vectors: Matrix<Float>, config: Config) {
    precondition(vectors.rows == vocabulary.count, "one vector per id")
    self.vocabulary = vocabulary
    self.vectors = vectors
    self.config = config
  }

  /// Writes the folder (vectors and vocabulary first, config.json last), each file atomically.
  public func save(in folder: URL) throws {
    try PretrainedFolderFiles.write(
      [NamedTensor("embedding.weight", matrix: vectors)], to: "vectors.safetensors",
      vocabulary: vocabulary, config: config, in: folder)
  }

  /// Reads a folder `save` wrote; errors name the folder and what is wrong.
  public init(contentsOf folder: URL) throws {
    let fail = { (reason: String) in PretrainingError.badFolder(folder: folder.path, reason: reason) }
    let config = try PretrainedFolderFiles.readConfig(
      Config.self, in: folder, kind: "word-vectors", format: "sentimentkit-word-vectors",
      header: { ($0.format, $0.formatVersion) })
    let vocabulary = try Vocabulary(
      contentsOf: folder.appendingPathComponent("vocab.txt").path, tokenizer: config.text.tokenizer)
    let file = try Safetensors(contentsOf: folder.appendingPathComponent("vectors.safetensors"))
    let vectors = try file.matrix("embedding.weight", as: Float.self)
    guard vectors.rows == vocabulary.count, vectors.cols == config.skipGram.dimensions else {
      throw fail(
        "vectors.safetensors holds \(vectors.rows) × \(vectors.cols) vectors for \(vocabulary.count) ids of \(config.skipGram.dimensions) dimensions")
    }
    guard vectors.scalars.allSatisfy(\.isFinite) else { throw fail("vectors.safetensors holds NaN or ±∞") }
    self.init(vocabulary: vocabulary, vectors: vectors, config: config)
  }

  /// Copies the vectors into `embedding` (same ids; its width must be `dimensions`), rescaled
  /// by one factor so that their standard deviation is 1, the spread of the N(0, 1) start they
  /// replace; `<pad>` stays zero.
  public func initialise(_ embedding: Matrix<Float>) throws {
    guard embedding.rows == vectors.rows, embedding.cols == vectors.cols else {
      throw PretrainingError.badFolder(
        folder: "word vectors",
        reason: "\(vectors.rows) × \(vectors.cols) vectors for a \(embedding.rows) × \(embedding.cols) embedding (use the same --embedding width)")
    }
    let values = vectors.rows(2..<vectors.rows).scalars
    let mean = values.reduce(0.0) { $0 + Double($1) } / Double(max(values.count, 1))
    let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(max(values.count, 1))
    let scale = Float(1 / max(variance.squareRoot(), 1e-12))
    embedding.assign(vectors)
    embedding.scale(by: scale)
    embedding.rows(0..<1).fill(0)
  }
}
