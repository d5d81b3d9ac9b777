import Foundation

/// The layouts `--data` and `--test-data` read, named as `--format` names them, and how one is
/// told from the path when `--format` is not given:
///   imdb           a `.tar.gz`/`.tgz` file, or a folder holding `imdb.vocab` (itself or aclImdb/)
///   imdb-ratings   the same, labelled by star-rating band (only by `--format`)
///   folders        any other folder: one subfolder per class
///   csv, tsv       `.csv`, `.tsv` (`.tab`) files, optionally `.gz`
///   jsonl          `.jsonl`, `.ndjson`, `.json` files, optionally `.gz`
public enum CorpusFormat: String, CaseIterable, Sendable {
  /// The aclImdb archive or folder, labelled neg and pos.
  case imdb
  /// The aclImdb archive or folder, labelled 1-2, 3-4, 7-8, 9-10 by stars.
  case imdbRatings = "imdb-ratings"
  /// One subfolder per class (optionally under train/ and test/).
  case folders
  /// Comma-separated values with a header.
  case csv
  /// Tab-separated values with a header.
  case tsv
  /// JSON Lines.
  case jsonl

  /// The format of the file or folder at `path`; throws `CorpusError` when nothing is there or
  /// the name does not say (then `--format` must).
  public static func detect(_ path: String) throws -> CorpusFormat {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CorpusError.notFound(path)
    }
    if isDirectory.boolValue {
      let markers = ["imdb.vocab", "aclImdb/imdb.vocab"].map { (path as NSString).appendingPathComponent($0) }
      return markers.contains(where: FileManager.default.fileExists) ? .imdb : .folders
    }
    let name = path.lowercased()
    let stem = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") { return .imdb }
    if stem.hasSuffix(".csv") { return .csv }
    if stem.hasSuffix(".tsv") || stem.hasSuffix(".tab") { return .tsv }
    if stem.hasSuffix(".jsonl") || stem.hasSuffix(".ndjson") || stem.hasSuffix(".json") { return .jsonl }
    throw CorpusError.unusable(
      path, reason: "cannot tell its format from the name; give --format ("
        + allCases.map(\.rawValue).joined(separator: ", ") + ")")
  }

  /// A reader of `path` in this format; `fields` name the text and label of CSV, TSV and JSON
  /// Lines records.
  public func source(_ path: String, fields: RecordFields) -> any CorpusSource {
    switch self {
    case .imdb: return IMDBSource(path: path)
    case .imdbRatings: return IMDBSource(path: path, labelling: .ratings)
    case .folders: return ClassFolderSource(path: path)
    case .csv: return DelimitedSource(path: path, separator: UInt8(ascii: ","), fields: fields)
    case .tsv: return DelimitedSource(path: path, separator: UInt8(ascii: "\t"), fields: fields)
    case .jsonl: return JSONLinesSource(path: path, fields: fields)
    }
  }
}
