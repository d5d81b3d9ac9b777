import ArgumentParser
import SentimentKit

@main
struct SentimentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentiment",
    abstract: "Train, evaluate and apply recurrent sentiment classifiers.",
    subcommands: [
      TrainCommand.self, TrainLinearCommand.self, TrainEnsembleCommand.self, PretrainCommand.self,
      EvaluateCommand.self, ClassifyCommand.self, CompareCommand.self, DataCommand.self,
      BenchCommand.self, AblationCommand.self, ImportCommand.self, TokenizeCommand.self,
    ])

  /// Chooses OpenBLAS's kernels (which may re-execute the program), then runs the command.
  static func main() {
    OpenBLASCoreType.reexecIfNeeded()
    main(nil)
  }
}
