import ArgumentParser
import Foundation
import SentimentKit

/// What `sentiment pretrain` learns.
enum PretrainingObjective: String, ExpressibleByArgument, CaseIterable {
  /// Word vectors by skip-gram with negative sampling: the embedding alone.
  case skipGram = "skip-gram"
  /// A recurrent language model (sampled softmax): the embedding and the encoder.
  case languageModel = "language-model"
}

/// `sentiment pretrain`: word vectors (skip-gram with negative sampling) or a recurrent language
/// model over every review the classifier may learn from (the train split's labelled and
/// unlabelled reviews; never test), for `sentiment train --init`.
struct PretrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pretrain",
    abstract: "Pretrain word vectors or a language model on the training (and unlabelled) reviews.",
    discussion: """
      The folder it writes fixes the vocabulary: `sentiment train --init FOLDER` starts a
      classifier's embedding from word vectors, or its embedding and encoder from a language
      model (train it with the same architecture options). The test split is never read.
      A language model may itself start from word vectors: --init VECTORS.
      """)

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var model: ModelOptions

  @Option(help: "What to learn: skip-gram word vectors, or a language model (embedding and encoder).")
  var objective: PretrainingObjective = .skipGram
  @Option(help: "Output folder. Default: Data/models/imdb-word-vectors or imdb-language-model.")
  var output: String?
  @Option(help: "Report file. Default: Reports/imdb-word-vectors.md or imdb-language-model.md.")
  var report: String?
  @Option(help: "Words kept in the vocabulary, besides <pad> and <unk>.")
  var vocabSize = 20_000
  @Option(help: "Passes over the text.")
  var epochs = 1
  @Option(help: "Starting rate. Default: 0.025 (skip-gram SGD, falling linearly) or 2e-3 (language model Adam, cosine).")
  var learningRate: Double?
  @Option(help: "Seed of the weights and every draw.")
  var seed: UInt64 = 42
  @Flag(inversion: .prefixedNo, help: "Read the 50,000 unlabelled reviews of train/unsup too.")
  var unlabelled = true

  @Option(help: "Skip-gram: largest distance of a context word.")
  var window = 5
  @Option(help: "Skip-gram: noise words per context word.")
  var negatives = 5
  @Option(help: "Skip-gram: subsampling threshold t of frequent words (0: keep every word).")
  var subsampling = 1e-4

  @Option(help: "Language model: candidate words scored per batch by the sampled softmax.")
  var candidates = 1024
  @Option(help: "Language model: most tokens in one batch.")
  var batchTokens = 4096
  @Option(help: "Language model: reviews are cut into pieces of at most this many tokens (0: whole reviews).")
  var chunkLength = 64
  @Option(help: "Language model: reviews held out to measure perplexity.")
  var heldOut = 500
  @Option(
    name: .customLong("init"),
    help: "Language model: start the embedding from this word-vectors folder (its vocabulary is used).")
  var initialVectors: String?

  func validate() throws {
    guard (1...10_000_000).contains(vocabSize) else {
      throw ValidationError("--vocab-size must be in 1 … 10,000,000")
    }
    switch objective {
    case .skipGram:
      if let problem = skipGram.problem { throw ValidationError(problem) }
      if initialVectors != nil { throw ValidationError("--init starts a language model; skip-gram starts from random vectors") }
    case .languageModel:
      if let problem = languageModel.problem { throw ValidationError(problem) }
      if let problem = LanguageModelConfig.problem(of: try model.config(vocabularySize: vocabSize + 2)) {
        throw ValidationError(problem)
      }
    }
  }

  var skipGram: SkipGramConfig {
    var c = SkipGramConfig()
    c.dimensions = model.embedding
    c.window = window
    c.negatives = negatives
    c.epochs = epochs
    c.learningRate = learningRate ?? c.learningRate
    c.subsampling = subsampling
    c.seed = seed
    return c
  }

  var languageModel: LanguageModelConfig {
    var c = LanguageModelConfig()
    c.candidates = candidates
    c.epochs = epochs
    c.learningRate = learningRate ?? c.learningRate
    c.batchTokens = batchTokens
    c.chunkLength = chunkLength > 0 ? chunkLength : nil
    c.heldOutReviews = heldOut
    c.seed = seed
    return c
  }

  func run() throws {
    let path = try corpus.archive.resolve()
    let communicator = Communicator.world  // language-model pretraining under mpirun
    let job = Job(progressStyle: communicator?.isRoot ?? true ? .automatic : .silent)
    let (texts, description) = try trainingTexts(path, job: job)
    let start = try initialVectors.map { try PretrainedStart(contentsOf: URL(fileURLWithPath: $0)) }
    var text = start?.text ?? TextConfig()
    text.vocabularyWords = vocabSize
    text.maxLength = nil
    let vocabulary = try start?.vocabulary
      ?? job.run(VocabularyBuilder(maxWords: vocabSize, tokenizer: text.tokenizer), texts)
    text.vocabularyWords = vocabulary.count - 2
    let encoded = try job.run(ReviewEncoder(vocabulary: vocabulary), texts)
    let lines = [
      "Data: `\(path)`",
      description,
      "Vocabulary: \(vocabulary.count) ids (`<pad>` = 0, `<unk>` = 1), "
        + (initialVectors.map { "from `\($0)`" } ?? "built from these reviews"),
    ]
    switch objective {
    case .skipGram:
      try runSkipGram(encoded, vocabulary: vocabulary, text: text, lines: lines, path: path, job: job, reviews: texts.count)
    case .languageModel:
      try runLanguageModel(
        encoded, vocabulary: vocabulary, text: text, start: start, lines: lines, job: job,
        communicator: communicator)
    }
  }

  /// The texts pretraining may read, and a line saying which: for the IMDB archive or folder the
  /// train split's labelled reviews and (with --unlabelled) its 50,000 unlabelled ones; for any
  /// other corpus the reviews of its training split (never the test split, nor the share held
  /// out as one).
  private func trainingTexts(_ path: String, job: Job) throws -> ([String], String) {
    let format = try corpus.format ?? CorpusFormat.detect(path)
    if format == .imdb || format == .imdbRatings {
      let imdb = try job.run(IMDBCorpus(path: path, includeUnlabelled: unlabelled))
      let reviews = imdb.reviews.filter { $0.split == .train }  // labelled train and unsup
      let labelled = reviews.filter { $0.label != nil }.count
      return (
        reviews.map(\.text),
        "Reviews: \(labelled) labelled train + \(reviews.count - labelled) unlabelled (train/unsup); the test split is not read"
      )
    }
    let data = try corpus.read(seed: seed, job: job)
    return (
      data.train.map(\.text),
      "Reviews: the \(data.train.count) training reviews of the corpus; its \(data.test.count) test reviews are not read"
    )
  }

  private func runSkipGram(
    _ encoded: [[Int32]], vocabulary: Vocabulary, text: TextConfig, lines: [String], path: String,
    job: Job, reviews: Int
  ) throws {
    let result = try job.run(SkipGram(config: skipGram, vocabularySize: vocabulary.count), encoded)
    var record = WordVectors.Config(
      text: text, skipGram: skipGram, epochLosses: result.epochLosses, reviews: reviews,
      words: result.wordCount)
    record.command = TrainCommand.commandLine()
    record.seconds = job.totalSeconds
    record.peakMiB = ProcessMemory.peakMiB
    let vectors = WordVectors(vocabulary: vocabulary, vectors: result.vectors, config: record)
    let folder = URL(fileURLWithPath: output ?? "Data/models/imdb-word-vectors")
    try vectors.save(in: folder)
    let reportPath = report ?? "Reports/imdb-word-vectors.md"
    try WordVectorsReport(
      vectors: vectors, command: TrainCommand.commandLine(), folder: folder.path,
      dataLines: lines + ["Words trained on (vocabulary words, `<unk>` left out): \(result.wordCount)"],
      stages: job.records, wordsPerSecond: result.wordsPerSecond, machine: Machine.current().summary
    ).write(to: URL(fileURLWithPath: reportPath))
    FileHandle.standardError.write(Data(String(
      format: "word vectors in %@ (loss %.4f, %.0f words/s); report in %@\n", folder.path,
      result.epochLosses.last ?? .nan, result.wordsPerSecond, reportPath).utf8))
  }

  private func runLanguageModel(
    _ encoded: [[Int32]], vocabulary: Vocabulary, text: TextConfig, start: PretrainedStart?,
    lines: [String], job: Job, communicator: Communicator?
  ) throws {
    let architecture = try model.config(vocabularySize: vocabulary.count)
    var generator = SplitMix64(seed: seed)
    let languageModel = ModelFactory.makeLanguageModel(architecture, using: &generator)
    try start?.initialise(languageModel.parameters, config: architecture)
    let result = try job.run(
      LanguageModelTraining(config: self.languageModel, model: languageModel, communicator: communicator),
      encoded)
    guard communicator?.isRoot ?? true else { return }  // rank 0 alone writes
    var record = LanguageModelFolder.Config(
      model: architecture, text: text, pretraining: self.languageModel, result: result)
    record.initialisedFrom = initialVectors
    record.command = TrainCommand.commandLine()
    record.seconds = job.totalSeconds
    record.peakMiB = ProcessMemory.peakMiB
    let folder = URL(fileURLWithPath: output ?? "Data/models/imdb-language-model")
    try LanguageModelFolder.save(languageModel, vocabulary: vocabulary, config: record, in: folder)
    let reportPath = report ?? "Reports/imdb-language-model.md"
    try LanguageModelReport(
      config: record, folder: folder.path,
      dataLines: lines + [
        "Reviews trained on: \(result.trainingReviews), \(TrainingReport.grouped(result.trainingTokens)) tokens; held out for perplexity: \(result.heldOutReviews)"
      ],
      stages: job.records, machine: Machine.current().summary
    ).write(to: URL(fileURLWithPath: reportPath))
    let perplexity = result.epochs.last?.heldOutPerplexity ?? .nan
    FileHandle.standardError.write(Data(String(
      format: "language model in %@ (held-out perplexity %.1f); report in %@\n", folder.path,
      perplexity, reportPath).utf8))
  }
}
