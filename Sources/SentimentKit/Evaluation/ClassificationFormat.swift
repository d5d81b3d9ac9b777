import Foundation

/// How `ClassificationRow`s are written, one line each. The fields are source, label, probability
/// (p(pos) rounded to 6 decimals; the label comes from p before rounding) and error; a failed
/// input has an empty label and probability, a classified one an empty error.
///   tsv    a header line, then tab-separated fields; `\`, tab, newline and carriage return in a
///          field are written `\\`, `\t`, `\n`, `\r`
///   csv    a header line, then RFC 4180 fields: one holding a comma, quote, CR or LF is quoted,
///          its quotes doubled; lines end in LF
///   jsonl  one object a line with all four keys, in that order: absent values are null, as
///          {"source":"a.txt","label":null,"probability":null,"error":"empty review"}
public enum ClassificationFormat: String, CaseIterable, Sendable {
  /// Tab-separated values with a header line.
  case tsv
  /// Comma-separated values (RFC 4180) with a header line.
  case csv
  /// JSON Lines: one object a line.
  case jsonl

  /// The field names, in order.
  public static let fields = ["source", "label", "probability", "error"]

  /// The line before the rows, newline included; nil for JSON Lines.
  public var header: String? {
    switch self {
    case .tsv: return Self.fields.joined(separator: "\t") + "\n"
    case .csv: return Self.fields.joined(separator: ",") + "\n"
    case .jsonl: return nil
    }
  }

  /// `row` as one line, newline included.
  public func line(_ row: ClassificationRow) -> String {
    let values = [
      row.source, row.label?.rawValue, row.probability.map { String(format: "%.6f", $0) },
      row.error,
    ]
    switch self {
    case .tsv:
      return values.map { Self.tsvField($0 ?? "") }.joined(separator: "\t") + "\n"
    case .csv:
      return values.map { Self.csvField($0 ?? "") }.joined(separator: ",") + "\n"
    case .jsonl:
      let members = zip(Self.fields, values).map { field, value in
        // The probability is a number; the rest are strings.
        let json = field == "probability" ? value : value?.jsonQuoted
        return "\(field.jsonQuoted):\(json ?? "null")"
      }
      return "{" + members.joined(separator: ",") + "}\n"
    }
  }

  private static func tsvField(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { "\\\t\n\r".unicodeScalars.contains($0) }) else {
      return text
    }
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func csvField(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else {
      return text
    }
    var out = "\""
    for scalar in text.unicodeScalars {
      if scalar == "\"" { out += "\"" }
      out.unicodeScalars.append(scalar)
    }
    return out + "\""
  }
}
