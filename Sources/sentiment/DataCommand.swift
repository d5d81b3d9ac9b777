import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment data`: reads the IMDB archive through the data stages and summarises it.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Read the IMDB archive and summarise it: counts, vocabulary, token lengths, times.")

  @OptionGroup var archive: ArchiveOption

  @Flag(help: "Print one JSON object instead of a table.")
  var json = false

  @Option(help: "Words kept in the vocabulary, besides <pad> and <unk>.")
  var vocabSize = 20_000

  func validate() throws {
    guard (1...TextConfig.maxVocabularyWords).contains(vocabSize) else {
      throw ValidationError("--vocab-size must be 1 to \(TextConfig.maxVocabularyWords), not \(vocabSize)")
    }
  }

  func run() throws {
    let path = try archive.resolve()
    let job = Job()
    let data = try PreparedData(archive: path, maxWords: vocabSize, job: job)
    let report = DataReport(archive: path, data: data, job: job)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      print(report.text)
    }
  }
}
