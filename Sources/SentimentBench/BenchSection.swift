import SentimentKit
/// One part of the benchmark report: a titled table of figures and notes on what was timed.
/// The data pipeline is one section; model benchmarks add their own.
public struct BenchSection: Codable {
  /// One measured figure.
  public struct Row: Codable {
    public var name: String
    public var value: Double
    /// "s", "×", "%", "MiB", "MB/s", "GFLOP/s" or "" for a plain count.
    public var unit: String
    /// The goal this figure is held to, if any, as "≤ 2.5×".
    public var target: String?
    /// Whether the figure meets `target`.
    public var met: Bool?

    /// A figure, with its goal when it has one.
    public init(name: String, value: Double, unit: String, target: String? = nil, met: Bool? = nil) {
      self.name = name
      self.value = value
      self.unit = unit
      self.target = target
      self.met = met
    }

    /// The value with its unit, as "1.31 s" or "50,000".
    public var shown: String {
      switch unit {
      case "": return Format.count(Int(value.rounded()))
      case "MiB", "MB/s": return "\(Format.decimal(value, places: 0)) \(unit)"
      case "×": return "\(Format.decimal(value))\(unit)"
      case "%": return "\(Format.decimal(value, places: 0))\(unit)"
      default: return "\(Format.decimal(value)) \(unit)"
      }
    }

    /// The target and whether it is met, as "≤ 2.5×: met".
    public var verdict: String {
      guard let target, let met else { return "" }
      return "\(target): \(met ? "met" : "NOT met")"
    }
  }

  public var title: String
  public var rows: [Row]
  /// Figures laid out across, shown after `rows`.
  public var table: BenchTable? = nil
  public var notes: [String]

  /// A section of `rows`, then `table`, then `notes`.
  public init(title: String, rows: [Row], table: BenchTable? = nil, notes: [String]) {
    self.title = title
    self.rows = rows
    self.table = table
    self.notes = notes
  }

  /// The section as a Markdown heading, tables and notes.
  public var markdown: String {
    var lines = ["## \(title)", ""]
    if !rows.isEmpty {
      lines += ["| measure | value | target |", "|---|---:|---|"]
      lines += rows.map { "| \($0.name) | \($0.shown) | \($0.verdict) |" }
      lines.append("")
    }
    if let table { lines += [table.markdown, ""] }
    lines += notes
    return lines.joined(separator: "\n")
  }

  /// The section as aligned plain-text tables; its notes when it has no figures.
  public var text: String {
    let width = rows.map(\.name.count).max() ?? 0
    var lines = [title]
    for row in rows {
      let figure = Format.pad(row.name, width) + Format.pad(row.shown, 14, right: true)
      lines.append("  " + figure + (row.verdict.isEmpty ? "" : "   " + row.verdict))
    }
    if let table { lines.append(table.text) }
    if rows.isEmpty && table == nil { lines += notes.map { "  " + $0 } }
    return lines.joined(separator: "\n")
  }
}
