import ArgumentParser
import Foundation

/// `--data ARCHIVE`, shared by the commands that read the IMDB archive, with the default search:
/// $IMDB_ARCHIVE, then Data/aclImdb_v1.tar.gz, then ../shared/data/aclImdb_v1.tar.gz.
struct ArchiveOption: ParsableArguments {
  @Option(
    name: [.customLong("data"), .customLong("archive")],
    help: ArgumentHelp(
      "The IMDB archive (aclImdb_v1.tar.gz) or an unpacked aclImdb directory.",
      discussion: """
        Default: $IMDB_ARCHIVE, then Data/aclImdb_v1.tar.gz, then \
        ../shared/data/aclImdb_v1.tar.gz (relative to the current directory).
        """,
      valueName: "archive"))
  var path: String?

  /// The archive to read: `--data` when given (it must exist), else the first place found.
  func resolve() throws -> String {
    let files = FileManager.default
    if let path {
      guard files.fileExists(atPath: path) else { throw ArchiveNotFound(looked: [path]) }
      return path
    }
    let variable = ProcessInfo.processInfo.environment["IMDB_ARCHIVE"].flatMap {
      $0.isEmpty ? nil : $0
    }
    let defaults = ["Data/aclImdb_v1.tar.gz", "../shared/data/aclImdb_v1.tar.gz"]
    if let found = ([variable].compactMap { $0 } + defaults).first(where: files.fileExists) {
      return found
    }
    let fromVariable = variable.map { "$IMDB_ARCHIVE (\($0))" } ?? "$IMDB_ARCHIVE (unset)"
    throw ArchiveNotFound(looked: [fromVariable] + defaults)
  }
}
