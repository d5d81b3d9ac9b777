import Foundation

/// A CSV or TSV file with a header line (optionally gzip-compressed, `.gz`), one review a
/// record: the columns `fields` names hold the text and the label; others are ignored. Records
/// are RFC 4180 (`DelimitedRecords`). The header must name both columns; every record must
/// have as many fields as the header (a missing column or a ragged row names its line); a
/// label must not be empty (surrounding whitespace is trimmed); text must be UTF-8. Sources
/// are "FILE:LINE", the line the record starts on.
public struct DelimitedSource: CorpusSource {
  /// The file.
  public let path: String
  /// `,` (CSV) or tab (TSV).
  public let separator: UInt8
  /// The text and label columns.
  public let fields: RecordFields

  /// A reader of the file at `path`, fields split at `separator`.
  public init(path: String, separator: UInt8, fields: RecordFields) {
    self.path = path
    self.separator = separator
    self.fields = fields
  }

  /// "CSV file" or "TSV file".
  public var kindDescription: String { separator == UInt8(ascii: "\t") ? "TSV file" : "CSV file" }

  /// Reads the header, then each record in file order.
  public func forEach(in job: Job, _ body: (LabelledReview) throws -> Void) throws {
    var records = DelimitedRecords(try ByteStream(path: path), separator: separator)
    guard let header = try records.next() else {
      throw CorpusError.malformed(path, reason: "empty file: expected a header line naming the columns")
    }
    let names = try header.fields.enumerated().map { index, bytes in
      var name = try LabelledReview.text(bytes, at: "\(path):\(header.line)")
      if index == 0 && name.hasPrefix("\u{FEFF}") { name.removeFirst() }  // a byte-order mark
      return name
    }
    func column(_ name: String, _ option: String) throws -> Int {
      let found = names.indices.filter { names[$0] == name }
      guard found.count == 1 else {
        throw CorpusError.malformed(
          "\(path):\(header.line)",
          reason: found.isEmpty
            ? "the header has no column \(name.quoted) (columns: \(names.map(\.quoted).joined(separator: ", "))); name it with \(option)"
            : "the header has \(found.count) columns named \(name.quoted)")
      }
      return found[0]
    }
    let textColumn = try column(fields.text, "--text-field")
    let labelColumn = try column(fields.label, "--label-field")
    while let record = try records.next() {
      let location = "\(path):\(record.line)"
      guard record.fields.count == names.count else {
        throw CorpusError.malformed(
          location,
          reason: "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), but the header has \(names.count)")
      }
      let label = try LabelledReview.text(record.fields[labelColumn], at: location)
        .trimmingCharacters(in: .whitespaces)
      guard !label.isEmpty else {
        throw CorpusError.malformed(location, reason: "empty label (column \(fields.label.quoted))")
      }
      try body(
        LabelledReview(
          text: try LabelledReview.text(record.fields[textColumn], at: location), label: label,
          source: location, split: nil))
    }
  }
}
