extension MarkdownTable {
  /// A job's stages, nested ones indented: stage, seconds, items.
  public static func stages(_ records: [StageRecord]) -> MarkdownTable {
    var table = MarkdownTable(["stage", "seconds", "items"], numeric: [1, 2])
    for s in records {
      table.append([
        String(repeating: "· ", count: s.depth) + s.name, String(format: "%.1f", s.seconds),
        s.items.map(TrainingReport.grouped) ?? "",
      ])
    }
    return table
  }
}

import Foundation
