import Foundation

/// The weights w_k of a K-member ensemble (w_k ≥ 0, Σ w_k = 1), fitted on held-out reviews: the
/// point of lowest log-loss (the smoothest criterion on a few thousand reviews; accuracy is
/// reported beside it) on the simplex grid of step 1/n, every (k₁/n, …, k_K/n) with Σ k = n.
/// n is 20 (steps of 0.05) unless the grid would pass `maximumPoints`; then the largest n that
/// keeps it within.
public struct EnsembleWeights: Sendable {
  /// One grid point.
  public struct Point: Sendable {
    /// w_k, one per member.
    public var weights: [Double]
    /// Held-out log-loss of the combination.
    public var logLoss: Double
    /// Held-out accuracy of the combination.
    public var accuracy: Double

    /// A point of every field.
    public init(weights: [Double], logLoss: Double, accuracy: Double) {
      self.weights = weights
      self.logLoss = logLoss
      self.accuracy = accuracy
    }
  }

  /// Every grid point, in lexicographic order of the weights (the first member's ascending).
  public let grid: [Point]
  /// The point of lowest log-loss (the earliest in `grid` on a tie).
  public let best: Point
  /// n: the grid's step is 1/n.
  public let steps: Int

  /// The fit on held-out p(pos) of each member (member-major; nil where a member had no words,
  /// which the combination scores as 0.5) against 0/1 `labels`.
  public init(members: [[Double?]], labels: [Int], steps wanted: Int = 20, maximumPoints: Int = 20_000) {
    precondition(!members.isEmpty && members.allSatisfy { $0.count == labels.count } && wanted > 0)
    var steps = wanted
    while steps > 1 && Self.pointCount(members: members.count, steps: steps) > maximumPoints { steps -= 1 }
    self.steps = steps
    // logit p_k per review, once for the whole grid, or nil where any member has none.
    let logits: [[Double]?] = labels.indices.map { i in
      var row = [Double]()
      for member in members {
        guard let p = member[i] else { return nil }
        row.append(EnsembleModel.logit(p))
      }
      return row
    }
    grid = Self.compositions(of: steps, into: members.count).map { parts in
      let weights = parts.map { Double($0) / Double(steps) }
      var loss = 0.0
      var correct = 0
      for (row, y) in zip(logits, labels) {
        // p = σ(Σ_k w_k logit p_k), scored as BinaryMetrics scores it (cut 0.5, clipped log).
        var p = 0.5
        if let row {
          var logit = 0.0
          for (w, l) in zip(weights, row) { logit += w * l }
          p = 1 / (1 + exp(-logit))
        }
        if (p >= 0.5 ? 1 : 0) == y { correct += 1 }
        let clipped = min(max(p, 1e-15), 1 - 1e-15)
        loss -= y == 1 ? log(clipped) : log(1 - clipped)
      }
      let count = Double(max(labels.count, 1))
      return Point(weights: weights, logLoss: loss / count, accuracy: Double(correct) / count)
    }
    best = grid.dropFirst().reduce(grid[0]) { $1.logLoss < $0.logLoss ? $1 : $0 }
  }

  /// The number of ways to write n as an ordered sum of `members` non-negative parts:
  /// C(n + K − 1, K − 1).
  public static func pointCount(members: Int, steps: Int) -> Int {
    var count = 1.0
    for i in 1..<max(members, 1) { count = count * Double(steps + i) / Double(i) }
    return Int(count.rounded())
  }

  /// Every ordered K-tuple of non-negative integers summing to n, lexicographically ascending.
  public static func compositions(of n: Int, into parts: Int) -> [[Int]] {
    guard parts > 1 else { return [[n]] }
    return (0...n).flatMap { first in compositions(of: n - first, into: parts - 1).map { [first] + $0 } }
  }
}
