/// A Markdown table built row by row; cells are escaped so a `|` in text cannot break it.
public struct MarkdownTable {
  /// Column titles.
  public let header: [String]
  /// Alignment per column: true for right-aligned (numbers).
  public let rightAligned: [Bool]
  private var rows: [[String]] = []

  /// A table with `header`; columns named in `numeric` are right-aligned.
  public init(_ header: [String], numeric: Set<Int> = []) {
    self.header = header
    rightAligned = header.indices.map { numeric.contains($0) }
  }

  /// Appends a row (as many cells as the header).
  public mutating func append(_ cells: [String]) {
    precondition(cells.count == header.count, "a row needs \(header.count) cells")
    rows.append(cells)
  }

  /// The table's Markdown text, ending in a newline.
  public var markdown: String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        .joined(separator: " | ") + " |"
    }
    let rule = "|" + rightAligned.map { $0 ? " ---: |" : " --- |" }.joined()
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}
