import Foundation

/// A self-contained SVG line chart (axes, ticks, legend) that renders on code-hosting sites:
/// plain SVG 1.1, no scripts, no external fonts or styles.
public struct LineChart {
  /// One named line.
  public struct Series {
    /// Legend label.
    public var name: String
    /// (x, y) points in drawing order.
    public var points: [(x: Double, y: Double)]
    /// Dashed lines tell validation from training curves of the same colour.
    public var dashed: Bool
    /// Index into the palette; series sharing an index share a colour.
    public var colorIndex: Int

    /// A series.
    public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false, colorIndex: Int) {
      self.name = name
      self.points = points
      self.dashed = dashed
      self.colorIndex = colorIndex
    }
  }

  /// Title drawn on top.
  public var title: String
  /// X-axis label.
  public var xLabel: String
  /// Y-axis label.
  public var yLabel: String
  /// The lines.
  public var series: [Series]
  /// Fixed axis ranges; nil fits the data.
  public var xRange: ClosedRange<Double>?
  /// Fixed y range; nil fits the data.
  public var yRange: ClosedRange<Double>?
  /// A dotted y = x line (for ROC curves).
  public var diagonal = false

  static let palette = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
  ]

  /// A chart; set `xRange`, `yRange` or `diagonal` afterwards as needed.
  public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
  }

  /// The SVG document.
  public func svg(width: Double = 640, height: Double = 400) -> String {
    let left = 64.0, right = 180.0, top = 36.0, bottom = 52.0
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let all = series.flatMap { $0.points }.filter { $0.x.isFinite && $0.y.isFinite }
    let xs = xRange ?? Self.padded((all.map(\.x).min() ?? 0)...(all.map(\.x).max() ?? 1))
    let ys = yRange ?? Self.padded((all.map(\.y).min() ?? 0)...(all.map(\.y).max() ?? 1))
    func px(_ x: Double) -> Double { left + (x - xs.lowerBound) / (xs.upperBound - xs.lowerBound) * plotWidth }
    func py(_ y: Double) -> Double { top + plotHeight - (y - ys.lowerBound) / (ys.upperBound - ys.lowerBound) * plotHeight }
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
      "<text x=\"\(left)\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(Self.escaped(title))</text>",
      "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"none\" stroke=\"#888\"/>",
    ]
    let integerX = !all.isEmpty && all.allSatisfy { $0.x == $0.x.rounded() }  // epochs, not fractions
    for tick in Self.ticks(xs) where !integerX || tick == tick.rounded() {
      out.append("<line x1=\"\(f(px(tick)))\" y1=\"\(top)\" x2=\"\(f(px(tick)))\" y2=\"\(top + plotHeight)\" stroke=\"#eee\"/>")
      out.append("<text x=\"\(f(px(tick)))\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\">\(Self.label(tick))</text>")
    }
    for tick in Self.ticks(ys) {
      out.append("<line x1=\"\(left)\" y1=\"\(f(py(tick)))\" x2=\"\(left + plotWidth)\" y2=\"\(f(py(tick)))\" stroke=\"#eee\"/>")
      out.append("<text x=\"\(left - 6)\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(Self.label(tick))</text>")
    }
    out.append("<text x=\"\(left + plotWidth / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\">\(Self.escaped(xLabel))</text>")
    out.append("<text transform=\"translate(16 \(top + plotHeight / 2)) rotate(-90)\" text-anchor=\"middle\">\(Self.escaped(yLabel))</text>")
    if diagonal {
      out.append("<line x1=\"\(f(px(xs.lowerBound)))\" y1=\"\(f(py(ys.lowerBound)))\" x2=\"\(f(px(xs.upperBound)))\" y2=\"\(f(py(ys.upperBound)))\" stroke=\"#aaa\" stroke-dasharray=\"2 3\"/>")
    }
    var legendRow = 0
    for s in series {
      let color = Self.palette[s.colorIndex % Self.palette.count]
      let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
      let path = s.points.filter { $0.x.isFinite && $0.y.isFinite }.map { "\(f(px($0.x))),\(f(py($0.y)))" }
      if path.count > 1 {
        out.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(path.joined(separator: " "))\"/>")
      }
      for point in path.count <= 30 ? path : [] {
        let xy = point.split(separator: ",")
        out.append("<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(color)\"/>")
      }
      guard !s.name.isEmpty else { continue }  // unnamed: a companion line of a named one
      let y = top + 10 + Double(legendRow) * 18
      legendRow += 1
      out.append("<line x1=\"\(left + plotWidth + 12)\" y1=\"\(y)\" x2=\"\(left + plotWidth + 36)\" y2=\"\(y)\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>")
      out.append("<text x=\"\(left + plotWidth + 42)\" y=\"\(y + 4)\">\(Self.escaped(s.name))</text>")
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  private func f(_ v: Double) -> String { String(format: "%.1f", v) }

  /// The range widened by 5% each side (a flat range by ±0.5).
  static func padded(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
    let span = r.upperBound - r.lowerBound
    guard span > 0 else { return (r.lowerBound - 0.5)...(r.upperBound + 0.5) }
    return (r.lowerBound - span * 0.05)...(r.upperBound + span * 0.05)
  }

  /// About five round tick values inside `r`.
  static func ticks(_ r: ClosedRange<Double>) -> [Double] {
    let raw = (r.upperBound - r.lowerBound) / 5
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    var tick = ceil(r.lowerBound / step) * step
    var result = [Double]()
    while tick <= r.upperBound + step * 1e-9 {
      result.append(abs(tick) < step * 1e-9 ? 0 : tick)
      tick += step
    }
    return result
  }

  static func label(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e6 ? String(Int(v)) : String(format: "%g", v)
  }

  /// Text safe inside SVG.
  static func escaped(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
