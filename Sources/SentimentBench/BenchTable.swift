import SentimentKit
/// A table of text cells with a header row, for figures that read better across than down.
public struct BenchTable: Codable {
  /// Column headings.
  public var header: [String]
  /// One array of cells per row, as many as `header`.
  public var rows: [[String]]

  /// A table of `rows` under `header`.
  public init(header: [String], rows: [[String]]) {
    self.header = header
    self.rows = rows
  }

  /// GitHub Markdown: the first column left-aligned, the others right-aligned.
  public var markdown: String {
    let align = ["---"] + Array(repeating: "---:", count: max(0, header.count - 1))
    let lines = [header, align] + rows
    return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
  }

  /// Aligned plain text.
  public var text: String {
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    return ([header] + rows).map { row in
      "  "
        + row.indices.map { Format.pad(row[$0], widths[$0], right: $0 > 0) }
        .joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
