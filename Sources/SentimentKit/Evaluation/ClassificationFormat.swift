import Foundation

/// How `ClassificationRow`s are written, one line each. The fields are source, label (the
/// predicted class), probability (its probability), then one `p_LABEL` per class in the
/// model's order, and error; probabilities are rounded to 6 decimals (the label comes from
/// them before rounding). A failed input has empty label and probabilities, a classified one
/// an empty error.
///   tsv    a header line, then tab-separated fields; `\`, tab, newline and carriage return in a
///          field are written `\\`, `\t`, `\n`, `\r`
///   csv    a header line, then RFC 4180 fields: one holding a comma, quote, CR or LF is quoted,
///          its quotes doubled; lines end in LF
///   jsonl  one object a line with every key, in that order: absent values are null, as
///          {"source":"a.txt","label":null,"probability":null,"p_neg":null,"p_pos":null,"error":"empty review"}
public enum ClassificationFormat: String, CaseIterable, Sendable {
  /// Tab-separated values with a header line.
  case tsv
  /// Comma-separated values (RFC 4180) with a header line.
  case csv
  /// JSON Lines: one object a line.
  case jsonl

  /// The field names, in order, for a model of classes `labels`.
  public static func fields(labels: [String]) -> [String] {
    ["source", "label", "probability"] + labels.map { "p_\($0)" } + ["error"]
  }

  /// The line before the rows, newline included; nil for JSON Lines.
  public func header(labels: [String]) -> String? {
    let names = Self.fields(labels: labels)
    switch self {
    case .tsv: return names.map(Self.tsvField).joined(separator: "\t") + "\n"
    case .csv: return names.map(Self.csvField).joined(separator: ",") + "\n"
    case .jsonl: return nil
    }
  }

  /// `row` as one line, newline included, for a model of classes `labels`.
  public func line(_ row: ClassificationRow, labels: [String]) -> String {
    let number = { (p: Double) in String(format: "%.6f", p) }
    let perClass: [String?] =
      row.probabilities.isEmpty ? labels.map { _ in nil } : row.probabilities.map(number)
    let values = [row.source, row.label, row.probability.map(number)] + perClass + [row.error]
    switch self {
    case .tsv:
      return values.map { Self.tsvField($0 ?? "") }.joined(separator: "\t") + "\n"
    case .csv:
      return values.map { Self.csvField($0 ?? "") }.joined(separator: ",") + "\n"
    case .jsonl:
      let numbers = 2..<(3 + labels.count)  // probability and the p_LABEL fields
      let members = zip(Self.fields(labels: labels), values).enumerated().map { i, pair in
        let json = numbers.contains(i) ? pair.1 : pair.1?.jsonQuoted
        return "\(pair.0.jsonQuoted):\(json ?? "null")"
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
