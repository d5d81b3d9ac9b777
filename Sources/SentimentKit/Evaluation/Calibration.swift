/// How far a model's probabilities of pos are from the frequencies they claim: the reviews cut
/// into `binCount` equal-width bins of p(pos), and in each bin b of n_b reviews the mean
/// predicted p̄_b beside the observed share of pos ȳ_b. The expected calibration error is
///   ECE = Σ_b (n_b / N) · |ȳ_b − p̄_b|
/// (on p(pos), not on the confidence max(p, 1 − p); for two classes the two agree when the bins
/// are symmetric about ½, as ten equal bins are).
public struct Calibration: Codable, Equatable, Sendable {
  /// One bin of the reliability diagram.
  public struct Bin: Codable, Equatable, Sendable {
    /// Reviews in the bin.
    public let count: Int
    /// Their mean p(pos).
    public let meanProbability: Double
    /// Their share of pos labels.
    public let observedFrequency: Double
  }

  /// The non-empty bins, in order of p.
  public let bins: [Bin]
  /// The expected calibration error.
  public let expectedError: Double

  /// The calibration of `probabilities` against 0/1 `labels` in `binCount` bins (p = 1 falls in
  /// the last).
  public init(probabilities: [Double], labels: [Int], binCount: Int = 10) {
    precondition(probabilities.count == labels.count && binCount > 0)
    var counts = [Int](repeating: 0, count: binCount)
    var sums = [Double](repeating: 0, count: binCount)
    var positives = [Int](repeating: 0, count: binCount)
    for (p, y) in zip(probabilities, labels) {
      let b = min(binCount - 1, max(0, Int(p * Double(binCount))))
      counts[b] += 1
      sums[b] += p
      positives[b] += y
    }
    let total = Double(probabilities.count)
    var bins: [Bin] = []
    var error = 0.0
    for b in 0..<binCount where counts[b] > 0 {
      let n = Double(counts[b])
      let bin = Bin(count: counts[b], meanProbability: sums[b] / n, observedFrequency: Double(positives[b]) / n)
      error += n / total * abs(bin.observedFrequency - bin.meanProbability)
      bins.append(bin)
    }
    self.bins = bins
    expectedError = bins.isEmpty ? 0 : error
  }

  /// The reliability diagram: observed frequency against mean p per bin, with the diagonal of
  /// perfect calibration.
  public var chart: LineChart {
    Self.chart(title: String(format: "Reliability (ECE %.4f)", expectedError), [("model", self)])
  }

  /// The reliability diagram of several models, one line each.
  public static func chart(title: String, _ models: [(name: String, calibration: Calibration)]) -> LineChart {
    var chart = LineChart(
      title: title, xLabel: "mean predicted p(pos)", yLabel: "observed share of pos",
      series: models.enumerated().map { i, model in
        LineChart.Series(
          name: model.name, points: model.calibration.bins.map { ($0.meanProbability, $0.observedFrequency) },
          colorIndex: i)
      })
    chart.xRange = 0...1
    chart.yRange = 0...1
    chart.diagonal = true
    return chart
  }
}
