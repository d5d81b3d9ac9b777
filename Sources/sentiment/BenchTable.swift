/// A table of text cells with a header row, for figures that read better across than down.
struct BenchTable: Codable {
  /// Column headings.
  var header: [String]
  /// One array of cells per row, as many as `header`.
  var rows: [[String]]

  /// GitHub Markdown: the first column left-aligned, the others right-aligned.
  var markdown: String {
    let align = ["---"] + Array(repeating: "---:", count: max(0, header.count - 1))
    let lines = [header, align] + rows
    return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
  }

  /// Aligned plain text.
  var text: String {
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    return ([header] + rows).map { row in
      "  "
        + row.indices.map { Format.pad(row[$0], widths[$0], right: $0 > 0) }
        .joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
