import Foundation

/// Models of any kinds combined by a weighted mean of their log-probabilities: with member
/// probabilities p_k and weights w_k (Σ w_k = 1),
///   log p(c) = Σ_k w_k log p_k(c) − log Z,   so   logit p(pos) = Σ_k w_k · logit p_k(pos)
/// (the normaliser Z cancels in the logit). Member probabilities are clipped to
/// [1e-15, 1 − 1e-15], as the log-loss clips them, so a certain member cannot drown the others.
public struct EnsembleModel: ReviewClassifier {
  /// The members, in config.json's order.
  public let members: [any ReviewClassifier]
  /// w_k, one per member, summing to 1.
  public let weights: [Double]
  /// p(pos) at or above which it says pos.
  public let decisionThreshold: Double

  /// An ensemble of `members` with `weights` (as many, non-negative, summing to 1).
  public init(members: [any ReviewClassifier], weights: [Double], threshold: Double = 0.5) {
    precondition(members.count == weights.count && !members.isEmpty, "one weight per member")
    self.members = members
    self.weights = weights
    decisionThreshold = threshold
  }

  /// `.ensemble`.
  public var kind: ModelKind { .ensemble }

  /// E.g. "BiLSTM ⊕ NBSVM uni+bi+tri (logistic regression)".
  public var displayName: String { members.map(\.displayName).joined(separator: " ⊕ ") }

  /// The members' parameters together.
  public var parameterCount: Int { members.map(\.parameterCount).reduce(0, +) }

  /// The first member's tokenizer (every member's texts are checked for words by their own).
  public var tokenizer: Tokenizer { members[0].tokenizer }

  /// The first member's sample (an ensemble is fitted only on members of one sample).
  public var sample: TrainingSample { members[0].sample }

  /// Each member with its weight, then each member's own settings.
  public var settings: [(String, String)] {
    var rows = zip(members, weights).map { member, w in
      ("member (weight \(String(format: "%.2f", w)))", "\(member.displayName) (\(member.kind.rawValue))")
    }
    rows.append(("combination", "weighted mean of log-probabilities: logit p = Σ w_k logit p_k"))
    rows.append(("decision threshold", String(format: "%.3f (fitted on validation)", decisionThreshold)))
    return rows
  }

  /// Binary: neg, pos (its members are).
  public var labels: [String] { ["neg", "pos"] }

  /// Σ_k w_k · logit p_k for each text, as (1 − p, p); nil when any member has no words for it.
  public func classProbabilities(ofTexts texts: [String]) -> [[Double]?] {
    let members = members.map { $0.classProbabilities(ofTexts: texts).map { $0?[1] } }
    return Self.combine(members, weights: weights).map { $0.map { [1 - $0, $0] } }
  }

  /// The combination of the members' probabilities (member-major), text by text.
  public static func combine(_ probabilities: [[Double?]], weights: [Double]) -> [Double?] {
    let count = probabilities.first?.count ?? 0
    return (0..<count).map { i in
      var logit = 0.0
      for (member, w) in zip(probabilities, weights) {
        guard let p = member[i] else { return nil }
        logit += w * Self.logit(p)
      }
      return 1 / (1 + exp(-logit))
    }
  }

  /// logit p = log p − log(1 − p), with p clipped to [1e-15, 1 − 1e-15] first.
  public static func logit(_ p: Double) -> Double {
    let clipped = min(max(p, 1e-15), 1 - 1e-15)
    return log(clipped) - log(1 - clipped)
  }

  /// The ensemble of the members' held-out twins, with the same weights.
  public func heldOutTwin(train: LabelledTexts, kept: [Int], job: Job) throws -> any ReviewClassifier {
    EnsembleModel(
      members: try members.map { try $0.heldOutTwin(train: train, kept: kept, job: job) },
      weights: weights, threshold: decisionThreshold)
  }
}
