/// A 2×2 confusion matrix as an SVG heat map: rows the actual class, columns the predicted one.
public struct ConfusionMatrixChart {
  /// counts[actual][predicted].
  public var counts: [[Int]]
  /// Class names in index order.
  public var classNames: [String]

  /// A chart of `counts`.
  public init(counts: [[Int]], classNames: [String] = ["neg", "pos"]) {
    self.counts = counts
    self.classNames = classNames
  }

  /// The SVG document.
  public func svg() -> String {
    let cell = 110.0, left = 110.0, top = 60.0
    let n = classNames.count
    let total = max(1, counts.flatMap { $0 }.reduce(0, +))
    let largest = max(1, counts.flatMap { $0 }.max() ?? 1)
    let size = Int(left + cell * Double(n) + 20)
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(size)\" height=\"\(size)\" viewBox=\"0 0 \(size) \(size)\" font-family=\"sans-serif\" font-size=\"13\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
      "<text x=\"\(left)\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Confusion matrix</text>",
      "<text x=\"\(left + cell * Double(n) / 2)\" y=\"\(top - 22)\" text-anchor=\"middle\">predicted</text>",
      "<text transform=\"translate(22 \(top + cell * Double(n) / 2)) rotate(-90)\" text-anchor=\"middle\">actual</text>",
    ]
    for (j, name) in classNames.enumerated() {
      out.append("<text x=\"\(left + cell * (Double(j) + 0.5))\" y=\"\(top - 6)\" text-anchor=\"middle\">\(name)</text>")
      out.append("<text x=\"\(left - 8)\" y=\"\(top + cell * (Double(j) + 0.5) + 4)\" text-anchor=\"end\">\(name)</text>")
    }
    for i in 0..<n {
      for j in 0..<n {
        let value = counts[i][j]
        let shade = 255 - Int(200 * Double(value) / Double(largest))
        let fill = i == j ? "rgb(\(shade),\(shade),255)" : "rgb(255,\(shade),\(shade))"
        let x = left + cell * Double(j), y = top + cell * Double(i)
        out.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(fill)\" stroke=\"#666\"/>")
        let share = 100 * Double(value) / Double(total)
        out.append("<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2)\" text-anchor=\"middle\" font-size=\"16\">\(value)</text>")
        out.append("<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 18)\" text-anchor=\"middle\" fill=\"#444\">\((share * 10).rounded() / 10)%</text>")
      }
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }
}
