/// The weight w of a two-member ensemble (w for the first member, 1 − w for the second), fitted
/// on held-out reviews: the w of the grid 0, 0.05, …, 1 of lowest log-loss there (the smoothest
/// criterion on a few thousand reviews; accuracy is reported beside it).
public struct EnsembleWeight: Sendable {
  /// One grid point.
  public struct Point: Sendable {
    /// w.
    public var weight: Double
    /// Held-out log-loss of the combination.
    public var logLoss: Double
    /// Held-out accuracy of the combination.
    public var accuracy: Double

    /// A point of every field.
    public init(weight: Double, logLoss: Double, accuracy: Double) {
      self.weight = weight
      self.logLoss = logLoss
      self.accuracy = accuracy
    }
  }

  /// Every grid point, w ascending.
  public let grid: [Point]
  /// The point of lowest log-loss (the smaller w on a tie).
  public let best: Point

  /// The fit on held-out `first` and `second` p(pos) against 0/1 `labels`.
  public init(first: [Double], second: [Double], labels: [Int], steps: Int = 20) {
    precondition(first.count == labels.count && second.count == labels.count && steps > 0)
    grid = (0...steps).map { k in
      let w = Double(k) / Double(steps)
      let combined = EnsembleModel.combine([first, second], weights: [w, 1 - w]).map { $0 ?? 0.5 }
      let metrics = BinaryMetrics(probabilities: combined, labels: labels)
      return Point(weight: w, logLoss: metrics.logLoss, accuracy: metrics.accuracy)
    }
    best = grid.dropFirst().reduce(grid[0]) { $1.logLoss < $0.logLoss ? $1 : $0 }
  }
}
