/// The distribution negative samples are drawn from: word w with probability ∝ count(w)^0.75
/// (Mikolov et al. 2013), never `<pad>` (nor `<unk>` unless `firstWord` is 1). Drawn by binary
/// search in the cumulative weights, so a seed gives the same words on every machine.
public struct NoiseDistribution: Sendable {
  private let cumulative: [Double]  // cumulative[i] = Σ_{w ≤ i} count(w)^0.75
  /// The smallest id drawn; the ids below it never are.
  public let firstWord: Int

  /// The distribution over the ids from `firstWord` on, given each id's count.
  public init(counts: [Int], firstWord: Int = 2, power: Double = 0.75) {
    precondition(counts.count > firstWord, "no words to sample")
    var sum = 0.0
    cumulative = counts[firstWord...].map { count in
      sum += pow(Double(count), power)
      return sum
    }
    precondition(sum > 0, "every word has count 0")
    self.firstWord = firstWord
  }

  /// How often each id of a `vocabularySize`-id vocabulary occurs in `sequences`: the counts a
  /// noise distribution (and skip-gram's subsampling) is made from.
  public static func counts(of sequences: [[Int32]], vocabularySize: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: vocabularySize)
    for sequence in sequences { for id in sequence { counts[Int(id)] += 1 } }
    return counts
  }

  /// Ids that can be drawn (those from `firstWord` on, including any of weight 0).
  public var wordCount: Int { cumulative.count }

  /// q(id): the probability that one draw gives `id` (0 below `firstWord`).
  public func probability(of id: Int) -> Double {
    let i = id - firstWord
    guard i >= 0 && i < cumulative.count else { return 0 }
    return (cumulative[i] - (i > 0 ? cumulative[i - 1] : 0)) / cumulative[cumulative.count - 1]
  }

  /// One word id.
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int32 {
    let target = Double.random(in: 0..<cumulative[cumulative.count - 1], using: &generator)
    var (low, high) = (0, cumulative.count - 1)
    while low < high {  // the first index whose cumulative weight exceeds target
      let middle = (low + high) / 2
      if cumulative[middle] > target { high = middle } else { low = middle + 1 }
    }
    return Int32(firstWord + low)
  }
}

import Foundation
