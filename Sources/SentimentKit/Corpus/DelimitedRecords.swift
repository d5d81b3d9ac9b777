/// The records of a CSV or TSV file, one at a time, as RFC 4180 reads them:
///   a record ends at LF (CRLF too: the CR is dropped) outside quotes; fields end at `separator`
///   a field that starts with `"` is quoted: it runs to the next lone `"`, `""` inside is one
///   quote, and separators and newlines inside are text; the closing quote must be followed by
///   the separator, the end of the line or the end of the file
///   a quote inside an unquoted field is text (as Python's csv module reads it)
///   an empty line is no record
/// A quoted field still open at the end of the file, text after a closing quote, a field over
/// `Review.byteLimit` or a record of more than `maxFields` fields is a `CorpusError.malformed`
/// naming the file and line, so no input takes unbounded memory and nothing is guessed.
struct DelimitedRecords {
  /// The most fields one record may have.
  static let maxFields = 4096

  private let stream: ByteStream
  private let separator: UInt8

  /// The records of `stream`, fields split at `separator` (`,` or tab).
  init(_ stream: ByteStream, separator: UInt8) {
    self.stream = stream
    self.separator = separator
  }

  /// The next record, with the line it starts on, its fields as UTF-8 bytes; nil at the end.
  mutating func next() throws -> (line: Int, fields: [[UInt8]])? {
    let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    while let byte = try stream.peek(), byte == newline || byte == cr {  // empty lines
      _ = try stream.next()
    }
    guard try stream.peek() != nil else { return nil }
    let line = stream.line
    var fields: [[UInt8]] = []
    while true {
      var field: [UInt8] = []
      let fieldLine = stream.line
      func append(_ byte: UInt8) throws {
        guard field.count < Review.byteLimit else {
          throw CorpusError.malformed(
            "\(stream.path):\(fieldLine)",
            reason: "field longer than \(WholeFile.megabytes(Review.byteLimit))")
        }
        field.append(byte)
      }
      var ended = false  // the record ended with this field
      if try stream.peek() == quote {
        _ = try stream.next()
        while true {
          guard let byte = try stream.next() else {
            throw CorpusError.malformed(
              "\(stream.path):\(fieldLine)",
              reason: "unbalanced quotes: the quoted field that starts here is never closed")
          }
          if byte != quote {
            try append(byte)
          } else if try stream.peek() == quote {
            _ = try stream.next()
            try append(quote)
          } else {
            break
          }
        }
        switch try stream.next() {
        case nil, newline?: ended = true
        case cr? where try stream.peek() == newline || stream.peek() == nil:
          _ = try stream.next()
          ended = true
        case separator?: break
        default:
          throw CorpusError.malformed(
            "\(stream.path):\(stream.line)",
            reason: "text after the closing quote of a field (a quote inside a quoted field is written \"\")")
        }
      } else {
        while true {
          guard let byte = try stream.next(), byte != newline else {
            ended = true
            break
          }
          if byte == separator { break }
          try append(byte)
        }
        if ended && field.last == cr { field.removeLast() }
      }
      fields.append(field)
      guard fields.count <= Self.maxFields else {
        throw CorpusError.malformed(
          "\(stream.path):\(line)", reason: "more than \(Self.maxFields) fields in one record")
      }
      if ended { return (line, fields) }
    }
  }
}
