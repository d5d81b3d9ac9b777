import Foundation

/// Reads `sentiment classify` output back, independently of the writer: each format to rows of
/// the four fields (source, label, probability, error), absent values as "".
enum ParsedRows {
  /// A TSV header line, then one row a line; `\\`, `\t`, `\n`, `\r` unescaped.
  static func tsv(_ text: String) -> (header: [String], rows: [[String]]) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
    }
    if lines.last == [""] { lines.removeLast() }
    return (lines.first ?? [], Array(lines.dropFirst()))
  }

  /// RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.
  static func csv(_ text: String) -> (header: [String], rows: [[String]]) {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? scalars.next() {
      pending = nil
      if quoted {
        if scalar == "\"" {
          let next = scalars.next()
          if next == "\"" {
            field += "\""
          } else {
            quoted = false
            pending = next
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"": quoted = true
      case ",":
        record.append(field)
        field = ""
      case "\n":
        record.append(field)
        records.append(record)
        (record, field) = ([], "")
      default: field.unicodeScalars.append(scalar)
      }
    }
    return (records.first ?? [], Array(records.dropFirst()))
  }

  /// One JSON object a line, with exactly `keys` (in their order); null as "", numbers (the
  /// probability and every p_LABEL) as written with 6 decimals.
  static func jsonl(_ text: String, keys: [String]) throws -> [[String]] {
    try text.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
      precondition(Set(object.keys) == Set(keys), "keys of \(line)")
      return keys.map { key in
        switch object[key] {
        case let text as String: return text
        case let number as Double where key == "probability" || key.hasPrefix("p_"):
          return String(format: "%.6f", number)
        default: return ""
        }
      }
    }
  }

  private static func unescape(_ field: String) -> String {
    var out = ""
    var escaped = false
    for character in field {
      if escaped {
        switch character {
        case "t": out += "\t"
        case "n": out += "\n"
        case "r": out += "\r"
        default: out.append(character)
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        out.append(character)
      }
    }
    return out
  }
}
