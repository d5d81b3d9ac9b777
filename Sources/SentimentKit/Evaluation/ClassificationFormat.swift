import Foundation

/// How `ClassificationRow`s are written, one line each. The fields are source, label, probability
/// (p(pos) with 6 decimals) and error; a failed input has an empty label and probability, a
/// classified one an empty error.
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
    let label = row.label?.rawValue
    let probability = row.probability.map { String(format: "%.6f", $0) }
    switch self {
    case .tsv:
      return [row.source, label ?? "", probability ?? "", row.error ?? ""]
        .map(Self.tsvField).joined(separator: "\t") + "\n"
    case .csv:
      return [row.source, label ?? "", probability ?? "", row.error ?? ""]
        .map(Self.csvField).joined(separator: ",") + "\n"
    case .jsonl:
      let values = [
        row.source.jsonQuoted, label?.jsonQuoted ?? "null", probability ?? "null",
        row.error?.jsonQuoted ?? "null",
      ]
      let members = zip(Self.fields, values).map { "\($0.jsonQuoted):\($1)" }
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
