import Foundation

/// No IMDB archive where the command looked.
struct ArchiveNotFound: Error, CustomStringConvertible {
  /// Each place tried, as shown to the user.
  let looked: [String]

  var description: String {
    "no IMDB archive found; looked at \(looked.joined(separator: ", ")) "
      + "from \(FileManager.default.currentDirectoryPath). "
      + "Run `make data` to fetch it, or pass --data PATH."
  }
}
