import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment ablation`: the report of a recipe built lever by lever, from the model folders of
/// its runs (see `make train-best`).
struct AblationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ablation",
    abstract: "Write the report of a recipe from its runs' model folders, one lever per step.",
    discussion: """
      Each STEP is LEVER=FOLDER, in the order the levers were added; the last is the recipe. A
      step that adds its lever to another than the one before it names that step's number:
      LEVER=FOLDER=N.
      Example: sentiment ablation --vectors Data/models/imdb-word-vectors \
      'baseline=Data/models/a' '+ whole reviews=Data/models/b'
      """)

  @Option(help: "Report file.")
  var report = "Reports/imdb-best.md"
  @Option(help: "The word-vectors folder the recipe pretrained, if any.")
  var vectors: String?
  @Option(help: "The language-model folder the recipe pretrained, if any.")
  var languageModel: String?
  @Option(help: "Title of the report.")
  var title = "IMDB sentiment: the best recipe, lever by lever"
  @Option(help: "Wall-clock seconds of the recipe's commands from the raw archive (make train-best measures them); default: the pretraining runs' and the recipe run's own.")
  var recipeSeconds: Double?
  @Option(help: "A command of the recipe's teacher, listed with the others (repeatable).")
  var teacherCommand: [String] = []
  @Argument(help: "LEVER=FOLDER or LEVER=FOLDER=N (the step it builds on), in order.")
  var steps: [String]

  /// A step's lever, folder and 0-based base step.
  private func parse(_ step: String, at index: Int) throws -> (String, String, Int?) {
    let parts = step.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
      throw ValidationError("'\(step)' is not LEVER=FOLDER or LEVER=FOLDER=N")
    }
    guard parts.count == 3 else { return (parts[0], parts[1], nil) }
    guard let base = Int(parts[2]), (1...index).contains(base) else {
      throw ValidationError("'\(step)': N must be the number of an earlier step, 1 … \(index)")
    }
    return (parts[0], parts[1], base - 1)
  }

  func validate() throws {
    guard !steps.isEmpty else { throw ValidationError("name at least one LEVER=FOLDER step") }
    for (index, step) in steps.enumerated() { _ = try parse(step, at: index) }
  }

  func run() throws {
    let read = try steps.enumerated().map { index, step -> AblationReport.Step in
      let (lever, folder, base) = try parse(step, at: index)
      return try AblationReport.Step(lever: lever, folder: folder, base: base)
    }
    let pretrained = try vectors.map { try WordVectors(contentsOf: URL(fileURLWithPath: $0)).config }
    let languageModelRun = try languageModel.map { try LanguageModelFolder(contentsOf: URL(fileURLWithPath: $0)).config }
    try AblationReport(
      title: title, vectors: pretrained, languageModel: languageModelRun, steps: read,
      machine: Machine.current().summary, recipeSeconds: recipeSeconds, teacherCommands: teacherCommand
    ).write(to: URL(fileURLWithPath: report))
    FileHandle.standardError.write(Data("report in \(report)\n".utf8))
  }
}
