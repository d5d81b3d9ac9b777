/// A problem reading a review corpus that is not about the archive's bytes (those are
/// `ArchiveError`s).
public enum CorpusError: Error, CustomStringConvertible, Equatable, Sendable {
  /// Nothing exists at the given path.
  case notFound(String)
  /// A file in a pos, neg or unsup folder whose name is not ID_RATING.txt; the path is given.
  case badFileName(String)
  /// A review file in a directory that cannot be read.
  case unreadable(String)

  /// A one-line explanation naming the path or entry.
  public var description: String {
    switch self {
    case .notFound(let path):
      return "\(path): no such file or directory"
    case .badFileName(let path):
      return "\(path): a review file must be named ID_RATING.txt (as 123_8.txt)"
    case .unreadable(let path):
      return "\(path): cannot read review file"
    }
  }
}
