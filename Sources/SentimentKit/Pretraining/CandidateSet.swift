import Foundation

/// The words a sampled softmax scores for one batch (see `SampledSoftmax`), each with log π_w,
/// the log of the probability that the draw included it. Drawn from a `NoiseDistribution` by
/// repeated draws until `count` distinct words are in, n draws in all, so that
///   π_w = 1 − (1 − q_w)ⁿ
/// (the chance that w turned up at least once). Holding every word, π = 1 for all of them and
/// the sampled softmax is the full one.
public struct CandidateSet: Sendable, Equatable {
  /// Word ids, ascending, no repeats.
  public let ids: [Int32]
  /// log π of each id, in the same order (0 when it was certain to be included).
  public let logInclusion: [Double]

  /// A set with the given inclusion probabilities (as logs).
  public init(ids: [Int32], logInclusion: [Double]) {
    precondition(ids.count == logInclusion.count, "one log π per id")
    self.ids = ids
    self.logInclusion = logInclusion
  }

  /// Every id from `firstWord` to `vocabularySize − 1`, each certain: the full softmax.
  public static func all(vocabularySize: Int, firstWord: Int = 1) -> CandidateSet {
    let ids = (firstWord..<vocabularySize).map { Int32($0) }
    return CandidateSet(ids: ids, logInclusion: ids.map { _ in 0 })
  }

  /// `count` distinct words drawn from `noise` (every word it covers, when it covers no more);
  /// at most 64 · count draws are made, so a distribution with few likely words still ends.
  public static func draw<G: RandomNumberGenerator>(
    count: Int, from noise: NoiseDistribution, using generator: inout G
  ) -> CandidateSet {
    precondition(count > 0, "a candidate set needs a word")
    if count >= noise.wordCount {
      return all(vocabularySize: noise.firstWord + noise.wordCount, firstWord: noise.firstWord)
    }
    var seen = Set<Int32>()
    var draws = 0
    while seen.count < count && draws < 64 * count {
      seen.insert(noise.sample(using: &generator))
      draws += 1
    }
    let ids = seen.sorted()
    let n = Double(draws)
    // log π = log(1 − (1 − q)ⁿ) = log(−expm1(n · log1p(−q))), exact for tiny q too
    let logs = ids.map { id -> Double in
      let q = noise.probability(of: Int(id))
      return q >= 1 ? 0 : Foundation.log(-Foundation.expm1(n * Foundation.log1p(-q)))
    }
    return CandidateSet(ids: ids, logInclusion: logs)
  }
}
