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

  /// Chooses OpenBLAS's kernels (which may re-execute the program), then runs the command. A
  /// rank of an mpirun job that fails mid-run ends the whole job (`Communicator.abortIfJoined`),
  /// since the other ranks would wait for it forever; an exit status a command chose after its
  /// work was done (classify's failed inputs) ends this process alone, as without mpirun. Under
  /// mpirun only `train`, `classify` and language-model `pretrain` run.
  static func main() {
    OpenBLASCoreType.reexecIfNeeded()
    do {
      var command = try parseAsRoot(nil)
      let shares =
        command is TrainCommand || command is ClassifyCommand
        || (command as? PretrainCommand)?.objective == .languageModel
      if LaunchEnvironment.current.isMPIRun && !shares {
        // N copies of the same run would write the same folders and reports at once. Rank 0
        // alone says so and fails the job: mpirun would interleave N copies of the line byte by
        // byte, and a rank that failed first could have the job killed before rank 0 had written
        // it. The others leave quietly with status 0, so the job's status is rank 0's.
        if LaunchEnvironment.current.rank != 0 { exit(withError: nil) }
        throw CommandFailure(
          "only train, classify and pretrain --objective language-model share their work among mpirun's ranks; "
            + "run this command without mpirun")
      }
      try command.run()
    } catch {
      if !(error is ExitCode) {
        Communicator.abortIfJoined(fullMessage(for: error), status: exitCode(for: error).rawValue)
      }
      exit(withError: error)
    }
  }
}
