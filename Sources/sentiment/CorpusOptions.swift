import ArgumentParser
import Foundation
import SentimentKit

extension CorpusFormat: ExpressibleByArgument {}

/// Class weights `--class-weights` names.
enum ClassWeighting: String, ExpressibleByArgument, CaseIterable {
  /// Every review counts alike.
  case none
  /// w_k = n / (C · n_k) over the training reviews (scikit-learn's "balanced").
  case balanced
}

/// Which labelled corpus a command reads, shared by `train`, `evaluate`, `train-linear` and
/// `train-ensemble`: `--data` (any `CorpusFormat`, detected from the path or `--format`),
/// an optional `--test-data`, the record fields and the classes.
struct CorpusOptions: ParsableArguments {
  @OptionGroup var archive: ArchiveOption
  @Option(help: "What --data (and --test-data) is; detected from the path when left out.")
  var format: CorpusFormat?
  @Option(
    help: ArgumentHelp(
      "A separate labelled test set, in any format; otherwise the data's own test split, or a seeded stratified share of --data held out.",
      valueName: "path"))
  var testData: String?
  @Option(help: "Share of each class held out as the test set when --data has no test split and --test-data is not given.")
  var testFraction = 0.2
  @Option(help: "The text's column (CSV, TSV) or key (JSON Lines).")
  var textField = "text"
  @Option(help: "The label's column (CSV, TSV) or key (JSON Lines).")
  var labelField = "label"
  @Option(
    help: ArgumentHelp(
      "The classes in output order, comma-separated (default: the training labels, sorted); a review of another label is an error.",
      valueName: "a,b,c"))
  var labels: String?

  func validate() throws {
    guard testFraction > 0 && testFraction < 1 else {
      throw ValidationError("--test-fraction must be between 0 and 1, not \(testFraction)")
    }
    if let given = givenLabels, given.contains(where: \.isEmpty) || given.count < 2 {
      throw ValidationError("--labels must name at least two classes, none empty, as neg,neutral,pos")
    }
  }

  /// `--labels` split at commas.
  var givenLabels: [String]? {
    labels.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  /// A short name of the data for default file names: "imdb", "imdb-ratings", or the data
  /// file's or folder's name without its extensions ("tickets" for tickets.csv.gz).
  func datasetName() throws -> String {
    let path = try archive.resolve()
    switch try format ?? CorpusFormat.detect(path) {
    case .imdb: return "imdb"
    case .imdbRatings: return "imdb-ratings"
    default:
      let name = URL(fileURLWithPath: path).lastPathComponent
      return String(name.prefix { $0 != "." }).isEmpty ? "data" : String(name.prefix { $0 != "." })
    }
  }

  /// The corpus: read as stages of `job`, the held-out share (if one is needed) drawn with
  /// `seed`.
  func read(seed: UInt64, job: Job) throws -> LabelledCorpus {
    let fields = RecordFields(text: textField, label: labelField)
    let path = try archive.resolve()
    let data = try (format ?? CorpusFormat.detect(path)).source(path, fields: fields)
    let test = try testData.map { try (format ?? CorpusFormat.detect($0)).source($0, fields: fields) }
    return try LabelledCorpus(
      data: data, testData: test, labels: givenLabels, heldOutFraction: testFraction, seed: seed,
      job: job)
  }
}
