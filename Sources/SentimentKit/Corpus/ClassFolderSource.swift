import Foundation

/// A folder with one subfolder per class, its name the label, holding the reviews as `.txt`
/// files (Keras' `text_dataset_from_directory` layout):
///   DIR/LABEL/…/*.txt                  no split of its own (one is held out)
///   DIR/{train,test}/LABEL/…/*.txt     when DIR holds both train/ and test/
/// Files are read in byte order of their paths (`FolderWalk`), one at a time. A `.txt` file
/// outside a label folder, an unreadable file or folder, a file over `Review.byteLimit` and
/// invalid UTF-8 are `CorpusError`s naming the file. Sources are the file paths.
public struct ClassFolderSource: CorpusSource {
  /// The folder.
  public let path: String

  /// A reader of the folder at `path`.
  public init(path: String) {
    self.path = path
  }

  /// "class folders".
  public var kindDescription: String { "class folders" }

  /// Reads each file in path order.
  public func forEach(in job: Job, _ body: (LabelledReview) throws -> Void) throws {
    let root = RawPath(path)
    let splits = Review.Split.allCases.filter { Self.isDirectory(root.appending(Array($0.rawValue.utf8))) }
    let hasSplits = splits.count == Review.Split.allCases.count
    if splits.count == 1 {
      throw CorpusError.unusable(
        path, reason: "holds \(splits[0].rawValue)/ but not the other split; give both train/ and test/, or neither")
    }
    let prefix = root.bytes.last == UInt8(ascii: "/") ? root.bytes.count : root.bytes.count + 1
    for (file, failure) in FolderWalk(root) {
      if let failure { throw CorpusError.unreadable(file.text, reason: failure.reason) }
      let parts = file.bytes.dropFirst(prefix).split(separator: UInt8(ascii: "/")).map { RawPath(bytes: $0).text }
      var split: Review.Split?
      var rest = parts[...]
      if hasSplits {
        split = Review.Split(rawValue: rest.first ?? "")
        guard split != nil else {
          throw CorpusError.malformed(file.text, reason: "not under train/ or test/ (expected \(path)/{train,test}/LABEL/*.txt)")
        }
        rest = rest.dropFirst()
      }
      guard rest.count >= 2, let label = rest.first else {
        throw CorpusError.malformed(
          file.text,
          reason: "not in a label folder (expected \(path)/\(hasSplits ? "{train,test}/" : "")LABEL/*.txt)")
      }
      let bytes: [UInt8]
      do {
        bytes = try WholeFile.read(file, limit: Review.byteLimit)
      } catch {
        throw CorpusError.unreadable(file.text, reason: error.reason)
      }
      try body(
        LabelledReview(
          text: try LabelledReview.text(bytes, at: file.text), label: label, source: file.text,
          split: split))
    }
  }

  private static func isDirectory(_ path: RawPath) -> Bool {
    var info = stat()
    return path.withCString { stat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
