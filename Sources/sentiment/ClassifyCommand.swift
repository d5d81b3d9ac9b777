import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment classify`: labels reviews with a saved model, one output row per input.
struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Label reviews with a saved model's classes: files, folders or standard input.",
    discussion: """
      Writes one row per input, in input order: source, label (the predicted class), \
      probability (of that class), p_LABEL for every class in the model's order, and error. \
      An input that cannot be classified (missing, unreadable, invalid UTF-8, empty, no words) \
      gets a row with the reason instead of a label; after every row is written the exit \
      status is 1 if any input failed.

      Under mpirun (mpirun -np N sentiment classify …) the inputs are shared among the N ranks
      and rank 0 writes every row, in input order: the same output as one process. Standard
      input (-) reaches rank 0 alone, so it is refused there.
      """)

  @Option(
    help: ArgumentHelp(
      "A model folder of any kind (recurrent or linear).", valueName: "dir"))
  var model: String

  @Option(help: "Output format.")
  var format: ClassificationFormat = .tsv

  @Option(
    help: ArgumentHelp(
      "Write the rows to this file, replaced all at once when done, instead of standard output.",
      valueName: "file"))
  var output: String?

  @Option(
    help: ArgumentHelp(
      "A binary model labels pos when p(pos) is at least this. Default: the model's own threshold (fitted on validation for linear and ensemble models), else 0.5. Models of more classes take the most probable.",
      valueName: "p"))
  var threshold: Double?

  @Argument(
    help: ArgumentHelp(
      "Review files, folders (every .txt file under them, sorted by path), or - for standard "
        + "input, one review a line.", valueName: "path"))
  var paths: [String]

  func validate() throws {
    if let threshold, !(0...1).contains(threshold) {
      throw ValidationError("--threshold must be between 0 and 1, not \(threshold)")
    }
    guard paths.filter({ $0 == "-" }).count <= 1 else {
      throw ValidationError("- (standard input) may be given only once")
    }
    if LaunchEnvironment.current.isMPIRun && paths.contains("-") {
      throw ValidationError(
        "- (standard input) reaches only rank 0 of an mpirun job; "
          + "pass files or folders, or run without mpirun")
    }
    if let output, String(validating: RawArguments.path(output).bytes, as: UTF8.self) == nil {
      throw ValidationError("--output \(RawArguments.path(output).text): the name is not UTF-8; choose another")
    }
  }

  func run() throws {
    let loaded = try ModelKind.load(URL(fileURLWithPath: model))
    let communicator = Communicator.world
    let writes = communicator?.isRoot ?? true  // rank 0 of a job, or the only process
    let file = try output.map { writes ? try AtomicFile(URL(fileURLWithPath: $0)) : nil } ?? nil
    let writer = ClassificationWriter(format: format, labels: loaded.labels) { bytes in
      if let file {
        try file.write(bytes)
      } else {
        try StandardOutput.write(bytes)
      }
    }
    let classifier = BatchClassifier(
      model: loaded, writer: writer, threshold: threshold ?? loaded.decisionThreshold,
      communicator: communicator)
    // Rows on a terminal show the progress themselves; a progress line would break into them.
    let rowsOnTerminal = file == nil && isatty(STDOUT_FILENO) != 0
    let job = Job(progressStyle: rowsOnTerminal || !writes ? .silent : .automatic)
    let summary = try job.run(classifier, ReviewFiles(paths.map(RawArguments.path)))
    guard writes else { return }
    try file?.commit()
    if summary.rows == 0 {
      Progress.writeToStandardError("no reviews found: no .txt file under the folders given, or empty input\n")
      throw ExitCode.failure
    }
    if summary.failures > 0 {
      Progress.writeToStandardError(
        "\(summary.failures) of \(summary.rows) inputs could not be classified; "
          + "their rows say why\n")
      throw ExitCode.failure
    }
  }
}

extension ClassificationFormat: ExpressibleByArgument {}
