import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment pretrain`: word vectors by skip-gram with negative sampling over every review the
/// classifier may learn from (the train split's labelled and unlabelled reviews; never test),
/// for `sentiment train --init`.
struct PretrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pretrain",
    abstract: "Pretrain word vectors (skip-gram, negative sampling) on the train and unlabelled reviews.",
    discussion: """
      The folder it writes (vectors.safetensors, vocab.txt, config.json) fixes the vocabulary:
      `sentiment train --init FOLDER` starts a classifier's embedding from it. The test split is
      never read.
      """)

  @OptionGroup var archive: ArchiveOption

  @Option(help: "Output folder.")
  var output = "Data/models/imdb-word-vectors"
  @Option(help: "Report file.")
  var report = "Reports/imdb-word-vectors.md"
  @Option(help: "Words kept in the vocabulary, besides <pad> and <unk>.")
  var vocabSize = 20_000
  @Option(help: "Vector width: the classifier's --embedding.")
  var dimensions = 128
  @Option(help: "Largest distance of a context word.")
  var window = 5
  @Option(help: "Noise words per context word.")
  var negatives = 5
  @Option(help: "Passes over the text.")
  var epochs = 1
  @Option(help: "Starting SGD rate (falls linearly over the run).")
  var learningRate = 0.025
  @Option(help: "Subsampling threshold t of frequent words (0: keep every word).")
  var subsampling = 1e-4
  @Option(help: "Seed of the vectors, subsampling, windows and noise words.")
  var seed: UInt64 = 42
  @Flag(inversion: .prefixedNo, help: "Read the 50,000 unlabelled reviews of train/unsup too.")
  var unlabelled = true

  func validate() throws {
    guard (1...10_000_000).contains(vocabSize) else {
      throw ValidationError("--vocab-size must be in 1 … 10,000,000")
    }
    if let problem = skipGram.problem { throw ValidationError(problem) }
  }

  var skipGram: SkipGramConfig {
    var c = SkipGramConfig()
    c.dimensions = dimensions
    c.window = window
    c.negatives = negatives
    c.epochs = epochs
    c.learningRate = learningRate
    c.subsampling = subsampling
    c.seed = seed
    return c
  }

  func run() throws {
    let path = try archive.resolve()
    let job = Job()
    let corpus = try job.run(IMDBCorpus(path: path, includeUnlabelled: unlabelled))
    let reviews = corpus.reviews.filter { $0.split == .train }  // labelled train and unsup
    var text = TextConfig()
    text.vocabularyWords = vocabSize
    text.maxLength = nil
    let vocabulary = try job.run(
      VocabularyBuilder(maxWords: vocabSize, tokenizer: text.tokenizer), reviews.map(\.text))
    text.vocabularyWords = vocabulary.count - 2
    let encoded = try job.run(ReviewEncoder(vocabulary: vocabulary), reviews.map(\.text))
    let result = try job.run(SkipGram(config: skipGram, vocabularySize: vocabulary.count), encoded)
    var record = WordVectors.Config(
      text: text, skipGram: skipGram, epochLosses: result.epochLosses, reviews: reviews.count,
      words: result.wordCount)
    record.command = TrainCommand.commandLine()
    record.seconds = job.totalSeconds
    record.peakMiB = ProcessMemory.peakMiB
    let vectors = WordVectors(vocabulary: vocabulary, vectors: result.vectors, config: record)
    let folder = URL(fileURLWithPath: output)
    try vectors.save(in: folder)
    let labelled = reviews.filter { $0.label != nil }.count
    let lines = [
      "Archive: `\(path)`",
      "Reviews: \(labelled) labelled train + \(reviews.count - labelled) unlabelled (train/unsup); the test split is not read",
      "Vocabulary: \(vocabulary.count) ids (`<pad>` = 0, `<unk>` = 1), built from these reviews",
      "Words trained on (vocabulary words, `<unk>` left out): \(result.wordCount)",
    ]
    try WordVectorsReport(
      vectors: vectors, command: TrainCommand.commandLine(), folder: folder.path, dataLines: lines,
      stages: job.records, wordsPerSecond: result.wordsPerSecond, machine: Machine.current().summary
    ).write(to: URL(fileURLWithPath: report))
    FileHandle.standardError.write(Data(String(
      format: "word vectors in %@ (loss %.4f, %.0f words/s); report in %@\n", folder.path,
      result.epochLosses.last ?? .nan, result.wordsPerSecond, report).utf8))
  }
}
