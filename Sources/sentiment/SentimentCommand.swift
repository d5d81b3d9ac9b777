import ArgumentParser
import SentimentKit

@main
struct SentimentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentiment",
    abstract: "Train, evaluate and apply recurrent sentiment classifiers.",
    subcommands: [DataCommand.self, ClassifyCommand.self, BenchCommand.self])
}
