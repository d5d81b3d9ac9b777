import Foundation

/// A temperature and a decision threshold fitted on held-out reviews (Guo et al. 2017 for the
/// temperature): with decision values (logits) d_i and 0/1 labels y_i,
///   T = argmin_T  −Σ_i [y_i log σ(d_i/T) + (1 − y_i) log(1 − σ(d_i/T))]
/// (golden-section search on log T in [−4, 4]: the loss is convex in 1/T), and the threshold t on
/// the scaled p_i = σ(d_i/T) of highest held-out accuracy, p ≥ t meaning pos (of the midpoints
/// between distinct p_i, the one nearest ½ on a tie). T changes the probabilities, not their
/// order; t changes the labels.
public struct DecisionCalibration: Codable, Equatable, Sendable {
  /// T: p = σ(d / T).
  public var temperature: Double
  /// t: pos when p ≥ t.
  public var threshold: Double

  /// No change: T = 1, t = ½.
  public static let identity = DecisionCalibration(temperature: 1, threshold: 0.5)

  /// A calibration of these values.
  public init(temperature: Double, threshold: Double) {
    self.temperature = temperature
    self.threshold = threshold
  }

  /// The fit on held-out `decisions` and `labels`.
  public init(fittingDecisions decisions: [Double], labels: [Int]) {
    precondition(decisions.count == labels.count && !decisions.isEmpty)
    func loss(_ logT: Double) -> Double {
      let t = exp(logT)
      return zip(decisions, labels).reduce(0) { sum, pair in
        let z = pair.0 / t
        // −log σ(±z), computed stably as log(1 + e^{∓z}).
        let signed = pair.1 == 1 ? -z : z
        return sum + (signed > 0 ? signed + log1p(exp(-signed)) : log1p(exp(signed)))
      }
    }
    var (a, b) = (-4.0, 4.0)
    let ratio = (5.0.squareRoot() - 1) / 2
    for _ in 0..<100 {
      let (c, d) = (b - ratio * (b - a), a + ratio * (b - a))
      if loss(c) < loss(d) { b = d } else { a = c }
    }
    temperature = exp((a + b) / 2)
    let t = temperature
    let probabilities = decisions.map { 1 / (1 + exp(-$0 / t)) }
    threshold = Self.bestThreshold(probabilities: probabilities, labels: labels)
  }

  /// σ(d / T).
  public func probability(decision d: Double) -> Double { 1 / (1 + exp(-d / temperature)) }

  /// The cut of highest accuracy among ½ and the midpoints between consecutive distinct
  /// probabilities; the one nearest ½ on a tie.
  public static func bestThreshold(probabilities: [Double], labels: [Int]) -> Double {
    let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
    // Cutting below sorted position k: the first k are neg. Start with every review pos.
    var correct = labels.filter { $0 == 1 }.count
    var best = (correct: -1, threshold: 0.5)
    func consider(_ threshold: Double, _ correct: Int) {
      if correct > best.correct || (correct == best.correct && abs(threshold - 0.5) < abs(best.threshold - 0.5)) {
        best = (correct, threshold)
      }
    }
    consider(0.5, zip(probabilities, labels).filter { ($0.0 >= 0.5 ? 1 : 0) == $0.1 }.count)
    for k in 0..<order.count {
      correct += labels[order[k]] == 0 ? 1 : -1
      let next = k + 1 < order.count ? probabilities[order[k + 1]] : 1.0
      guard next > probabilities[order[k]] else { continue }
      consider((probabilities[order[k]] + next) / 2, correct)
    }
    return best.threshold
  }
}
