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
  /// A record that cannot be read as a labelled review; `location` is "file:line" or a file.
  case malformed(String, reason: String)
  /// A review whose label is not among the classes (those of --labels, or of the training
  /// reviews); `location` names it.
  case unknownLabel(String, label: String, known: [String])
  /// A class with no review in a part of the corpus that needs every class; `where` says which.
  case noExamples(label: String, in: String)
  /// The corpus as a whole cannot be used: too few classes, a split left empty.
  case unusable(String, reason: String)

  /// A one-line explanation naming the path, line or entry.
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
    case .malformed(let location, let reason):
      return "\(location.printable): \(reason)"
    case .unknownLabel(let location, let label, let known):
      return "\(location.printable): label \(label.quoted) is not one of the classes "
        + "(\(known.map(\.quoted).joined(separator: ", ")))"
    case .noExamples(let label, let place):
      return "no review of class \(label.quoted) in \(place.printable): every class needs "
        + "training reviews"
    case .unusable(let path, let reason):
      return "\(path.printable): \(reason)"
    }
  }
}
