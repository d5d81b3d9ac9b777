/// A labelled corpus in one of the layouts users have (`CorpusFormat`): every source streams
/// its reviews one at a time, in a fixed order (the file's, or paths in byte order), and throws
/// a `CorpusError` (or an `ArchiveError`) naming the file and line, or entry, at fault, before
/// it gives anything that would make a partial corpus look whole.
public protocol CorpusSource {
  /// The path read, as given.
  var path: String { get }
  /// What it is, for reports: "CSV file", "class folders", "aclImdb archive".
  var kindDescription: String { get }
  /// Calls `body` with each review in order, showing progress on `job`'s running stage where
  /// reading takes a while; stops at the first error.
  func forEach(in job: Job, _ body: (LabelledReview) throws -> Void) throws
}
