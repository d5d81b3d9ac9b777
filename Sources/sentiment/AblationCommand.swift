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
      Each STEP is LEVER=FOLDER, in the order the levers were added; the last is the recipe.
      Example: sentiment ablation --vectors Data/models/imdb-word-vectors \
      'baseline=Data/models/a' '+ whole reviews=Data/models/b'
      """)

  @Option(help: "Report file.")
  var report = "Reports/imdb-best.md"
  @Option(help: "The word-vectors folder the recipe pretrained, if any.")
  var vectors: String?
  @Option(help: "Title of the report.")
  var title = "IMDB sentiment: the best recipe, lever by lever"
  @Argument(help: "LEVER=FOLDER, in order.")
  var steps: [String]

  func validate() throws {
    guard !steps.isEmpty else { throw ValidationError("name at least one LEVER=FOLDER step") }
    for step in steps where !step.contains("=") {
      throw ValidationError("'\(step)' is not LEVER=FOLDER")
    }
  }

  func run() throws {
    let read = try steps.map { step -> AblationReport.Step in
      let split = step.firstIndex(of: "=")!
      return try AblationReport.Step(
        lever: String(step[..<split]), folder: String(step[step.index(after: split)...]))
    }
    let pretrained = try vectors.map { try WordVectors(contentsOf: URL(fileURLWithPath: $0)).config }
    try AblationReport(
      title: title, vectors: pretrained, steps: read, machine: Machine.current().summary
    ).write(to: URL(fileURLWithPath: report))
    FileHandle.standardError.write(Data("report in \(report)\n".utf8))
  }
}
