/// The distribution negative samples are drawn from: word w with probability ∝ count(w)^0.75
/// (Mikolov et al. 2013), never `<pad>` or `<unk>`. Drawn by binary search in the cumulative
/// weights, so a seed gives the same words on every machine.
public struct NoiseDistribution: Sendable {
  private let cumulative: [Double]  // cumulative[i] = Σ_{w ≤ i} count(w)^0.75
  private let firstWord: Int

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
