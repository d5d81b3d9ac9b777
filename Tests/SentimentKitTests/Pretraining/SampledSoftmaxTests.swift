import Foundation
import SentimentKit
import XCTest

/// The sampled softmax in Double: its gradients against finite differences (with log π
/// corrections and an accidental hit in play); with every word as a candidate it is the full
/// softmax to rounding; averaged over draws its loss lands near the full loss, and nearer than
/// without the log π correction; candidate draws are distinct, sorted and seeded.
final class SampledSoftmaxTests: XCTestCase {
  private let (vocabulary, width, rows) = (12, 5, 7)

  private func problem(seed: UInt64) -> (h: Matrix<Double>, w: Matrix<Double>, b: Matrix<Double>, targets: [Int32]) {
    var generator = SplitMix64(seed: seed)
    let h: Matrix<Double> = generator.matrix(rows: rows, cols: width)
    let w: Matrix<Double> = generator.matrix(rows: vocabulary, cols: width)
    let b: Matrix<Double> = generator.matrix(rows: 1, cols: vocabulary)
    let range = UInt64(vocabulary - 1)
    var targets: [Int32] = []
    for _ in 0..<rows { targets.append(Int32(1 + generator.next() % range)) }
    return (h, w, b, targets)
  }

  func testGradientsMatchFiniteDifferences() {
    let (h, w, b, targets) = problem(seed: 3)
    // Candidates 2, 4, 5, 9 with unequal inclusion; target 4 or 5 in a row makes a hit.
    let candidates = CandidateSet(ids: [2, 4, 5, 9], logInclusion: [-0.3, -1.2, 0, -2.5])
    var probe = targets
    probe[0] = 4  // an accidental hit, for sure
    let scale = 1 / Double(rows)
    let dW = Matrix<Double>(rows: vocabulary, cols: width)
    let db = Matrix<Double>(rows: 1, cols: vocabulary)
    let (_, dH) = SampledSoftmax.loss(
      features: h, targets: probe, weight: w, bias: b, candidates: candidates, scale: scale,
      gradients: .init(weight: dW, bias: db))
    let loss = {
      SampledSoftmax.loss(features: h, targets: probe, weight: w, bias: b, candidates: candidates).loss * scale
    }
    let checked = GradientCheck.check(
      [.init(name: "h", value: h, gradient: dH!), .init(name: "W", value: w, gradient: dW),
       .init(name: "b", value: b, gradient: db)], "sampled softmax", loss: loss)
    XCTAssertEqual(checked, rows * width + vocabulary * width + vocabulary)
    XCTAssertEqual(db[0, 7], 0, "a word neither candidate nor target gets no gradient")
  }

  func testEveryWordAsCandidateIsTheFullSoftmax() {
    let (h, w, b, targets) = problem(seed: 4)
    let all = CandidateSet.all(vocabularySize: vocabulary, firstWord: 1)
    let sampled = SampledSoftmax.loss(features: h, targets: targets, weight: w, bias: b, candidates: all).loss
    // The full softmax over ids 1 … V−1, by hand.
    let logits = Matrix<Double>(rows: rows, cols: vocabulary - 1)
    for r in 0..<rows {
      for v in 1..<vocabulary {
        logits[r, v - 1] = (0..<width).reduce(b[0, v]) { $0 + h[r, $1] * w[v, $1] }
      }
    }
    let logP = SoftmaxHead.logSoftmax(logits)
    let full = targets.enumerated().reduce(0.0) { $0 - logP[$1.offset, Int($1.element) - 1] }
    XCTAssertEqual(sampled, full, accuracy: 1e-12 * abs(full))
  }

  func testSampledLossAveragesNearTheFullLoss() {
    let (h, w, b, targets) = problem(seed: 5)
    let all = CandidateSet.all(vocabularySize: vocabulary, firstWord: 1)
    let full = SampledSoftmax.loss(features: h, targets: targets, weight: w, bias: b, candidates: all).loss
    let counts = (0..<vocabulary).map { $0 == 0 ? 0 : 40 / $0 + 1 }  // a skewed unigram
    let noise = NoiseDistribution(counts: counts, firstWord: 1)
    var generator = SplitMix64(seed: 6)
    var (corrected, uncorrected) = (0.0, 0.0)
    let draws = 400
    for _ in 0..<draws {
      let c = CandidateSet.draw(count: 6, from: noise, using: &generator)
      corrected += SampledSoftmax.loss(features: h, targets: targets, weight: w, bias: b, candidates: c).loss
      let plain = CandidateSet(ids: c.ids, logInclusion: c.ids.map { _ in 0 })
      uncorrected += SampledSoftmax.loss(features: h, targets: targets, weight: w, bias: b, candidates: plain).loss
    }
    let (gap, plainGap) = (abs(corrected / Double(draws) - full), abs(uncorrected / Double(draws) - full))
    XCTAssertLessThan(gap, 0.03 * full, "the corrected estimate lands near the full loss")
    XCTAssertLessThan(gap, plainGap / 2, "and nearer than without log π")
  }

  func testDrawsAreDistinctSortedAndSeeded() {
    let noise = NoiseDistribution(counts: [0, 5, 100, 3, 1, 50, 7, 9], firstWord: 1)
    var a = SplitMix64(seed: 9)
    var b = SplitMix64(seed: 9)
    let first = CandidateSet.draw(count: 4, from: noise, using: &a)
    XCTAssertEqual(first, CandidateSet.draw(count: 4, from: noise, using: &b))
    XCTAssertEqual(first.ids.count, 4)
    XCTAssertEqual(first.ids, first.ids.sorted())
    XCTAssertEqual(Set(first.ids).count, 4)
    XCTAssertTrue(first.ids.allSatisfy { $0 >= 1 && $0 < 8 })
    XCTAssertTrue(first.logInclusion.allSatisfy { $0 <= 0 && $0.isFinite })
    let everything = CandidateSet.draw(count: 7, from: noise, using: &a)
    XCTAssertEqual(everything, .all(vocabularySize: 8, firstWord: 1), "K ≥ words: all of them, π = 1")
    let total = [5.0, 100, 3, 1, 50, 7, 9].reduce(0) { $0 + pow($1, 0.75) }
    XCTAssertEqual(noise.probability(of: 2), pow(100, 0.75) / total, accuracy: 1e-15)
    XCTAssertEqual(noise.probability(of: 0), 0, "<pad> is never drawn")
  }
}
