/// A problem reading a review corpus that is not about the archive's bytes (those are
/// `ArchiveError`s).
public enum CorpusError: Error, CustomStringConvertible, Equatable, Sendable {
  /// Nothing exists at the given path.
  case notFound(String)
  /// A file in a pos, neg or unsup folder whose name is not ID_RATING.txt; the path is given.
  case badFileName(String)
  /// A review file or a folder that cannot be read; `reason` is the system's, or the limit.
  case unreadable(String, reason: String)
  /// Splits and labels without a single review, as "test/pos": not an aclImdb layout, or an
  /// archive cut short.
  case incomplete(String, missing: [String])

  /// A one-line explanation naming the path or entry.
  public var description: String {
    switch self {
    case .notFound(let path):
      return "\(path.printable): no such file or directory"
    case .badFileName(let path):
      return "\(path.printable): a review file must be named ID_RATING.txt (as 123_8.txt)"
    case .unreadable(let path, let reason):
      return "\(path.printable): cannot read: \(reason)"
    case .incomplete(let path, let missing):
      return "\(path.printable): no reviews in \(missing.joined(separator: ", ")); "
        + "expected the aclImdb layout ({train,test}/{pos,neg}/ID_RATING.txt) in full"
    }
  }
}
