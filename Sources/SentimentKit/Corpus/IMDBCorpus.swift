import Foundation

/// Reads the IMDB Large Movie Review dataset in its canonical aclImdb layout, straight from
/// `aclImdb_v1.tar.gz` or from an unpacked directory: the stage that starts the pipeline.
///
/// Reviews are the files `{train,test}/{pos,neg}/ID_RATING.txt`, plus `train/unsup/ID_0.txt`
/// when `includeUnlabelled` is set; every other file is ignored. Invalid UTF-8 is repaired and
/// empty reviews are kept; the corpus summary counts and names both.
public struct IMDBCorpus: Stage {
  /// A `.tar.gz` archive, or a directory holding the layout (`aclImdb/` or its parent).
  public var path: String
  /// Whether to read the 50,000 unlabelled reviews of `train/unsup` too.
  public var includeUnlabelled: Bool

  /// A reader of the corpus at `path`.
  public init(path: String, includeUnlabelled: Bool = false) {
    self.path = path
    self.includeUnlabelled = includeUnlabelled
  }

  /// "read corpus".
  public var name: String { "read corpus" }

  /// Reads every review, showing progress through `job`, and records the review count.
  public func run(_ input: Void, in job: Job) throws -> Corpus {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CorpusError.notFound(path)
    }
    var corpus = Corpus(reviews: [], summary: CorpusSummary())
    if isDirectory.boolValue {
      try readDirectory(into: &corpus, job: job)
    } else {
      try readArchive(into: &corpus, job: job)
    }
    let keys = corpus.reviews.map(IMDBCorpus.order)
    corpus.reviews = keys.indices.sorted { keys[$0] < keys[$1] }.map { corpus.reviews[$0] }
    job.setItemCount(corpus.reviews.count)
    return corpus
  }

  private func readArchive(into corpus: inout Corpus, job: Job) throws {
    let gzip = try GzipReader(path: path)
    let tar = TarReader(source: gzip, archivePath: path, contentLimit: Review.byteLimit)
    let progress = job.progress(total: gzip.fileSize, unit: .bytes)
    while let entry = try tar.next() {
      progress.update(completed: gzip.compressedOffset)
      guard let location = try wanted(entry.path) else { continue }
      try tar.withContents { bytes in
        add(bytes, from: entry.path, at: location, to: &corpus)
      }
    }
    progress.update(completed: gzip.fileSize)
  }

  // Every `.txt` file under the folder (symbolic links followed, as git-annex and DVC store
  // files); a folder or file that cannot be read is an error, not a review left out.
  private func readDirectory(into corpus: inout Corpus, job: Job) throws {
    var files: [RawPath] = []
    for (file, failure) in FolderWalk(RawPath(path)) {
      if let failure { throw CorpusError.unreadable(file.text, reason: failure.reason) }
      files.append(file)
    }
    let progress = job.progress(total: files.count, unit: .items("files"))
    for file in files {
      progress.advance()
      guard let location = try wanted(file.text) else { continue }
      let bytes: [UInt8]
      do {
        bytes = try WholeFile.read(file, limit: Review.byteLimit)
      } catch {
        throw CorpusError.unreadable(file.text, reason: error.reason)
      }
      bytes.withUnsafeBytes { add($0, from: file.text, at: location, to: &corpus) }
    }
  }

  // Where the review at `path` belongs, or nil when it is not one to read.
  private func wanted(_ path: String) throws -> ReviewPath? {
    guard let location = try ReviewPath(path) else { return nil }
    return location.label != nil || includeUnlabelled ? location : nil
  }

  private func add(
    _ bytes: UnsafeRawBufferPointer, from source: String, at location: ReviewPath,
    to corpus: inout Corpus
  ) {
    let valid = String(validating: bytes, as: UTF8.self)
    let review = Review(
      split: location.split, label: location.label, id: location.id, rating: location.rating,
      text: valid ?? String(decoding: bytes, as: UTF8.self), source: source)
    corpus.summary.add(review, repaired: valid == nil)
    corpus.reviews.append(review)
  }

  // Train before test; neg, pos, unlabelled; then id.
  private static func order(_ review: Review) -> (Int, Int, Int) {
    let split = review.split == .train ? 0 : 1
    let label = review.label.map { $0.index } ?? 2
    return (split, label, review.id)
  }
}
