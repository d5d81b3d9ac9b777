import Foundation

/// Word vectors from unlabelled text: skip-gram with negative sampling (Mikolov et al. 2013),
/// the stage that pretrains a classifier's embedding on every review the training may read
/// (train and unlabelled; never test). One thread, so a seed gives the same vectors on every
/// machine (word2vec's threads race on the vectors).
///
/// For each review, frequent words are subsampled away (and `<unk>` dropped); for each centre
/// word w_i a window b ∈ 1 … window is drawn, and each context word w_j (0 < |i − j| ≤ b) with
/// K noise words takes one `NegativeSamplingLoss` step on input vector v(w_i) and output
/// vectors u(w_j), u(noise).
public struct SkipGram: Stage {
  /// The settings.
  public let config: SkipGramConfig
  /// Ids in the vocabulary (rows of the vectors).
  public let vocabularySize: Int

  /// What pretraining gives.
  public struct Result {
    /// The input vectors, [vocabularySize, dimensions]; rows of words never seen stay at their
    /// small random start, `<pad>`'s row is zero.
    public let vectors: Matrix<Float>
    /// Mean loss per (centre, context) pair, one per epoch.
    public let epochLosses: [Double]
    /// Words (after subsampling) visited per second.
    public let wordsPerSecond: Double
    /// Words in the text, `<unk>` excluded.
    public let wordCount: Int
  }

  /// Pretraining with `config` over a vocabulary of `vocabularySize` ids.
  public init(config: SkipGramConfig, vocabularySize: Int) {
    precondition(config.problem == nil, config.problem ?? "")
    self.config = config
    self.vocabularySize = vocabularySize
  }

  /// "train word vectors".
  public var name: String { "train word vectors" }

  /// Trains on `sequences` (token ids), showing progress through `job`.
  public func run(_ sequences: [[Int32]], in job: Job) throws -> Result {
    let d = config.dimensions
    let counts = NoiseDistribution.counts(of: sequences, vocabularySize: vocabularySize)
    let words = counts[2...].reduce(0, +)
    guard words > 0 else { throw PretrainingError.noText("no words of the vocabulary in the text") }
    let noise = NoiseDistribution(counts: counts)
    // keep(w) = (√(f/t) + 1)·t/f with f = count/words, capped at 1
    let keep = counts.map { count -> Double in
      guard config.subsampling > 0, count > 0 else { return 1 }
      let f = Double(count) / Double(words)
      let t = config.subsampling
      return min(1, ((f / t).squareRoot() + 1) * t / f)
    }

    var generator = SplitMix64(seed: config.seed)
    let input = Matrix<Float>(rows: vocabularySize, cols: d)  // v, U(−0.5/d, 0.5/d)
    Initializer.uniform(0.5 / Double(d)).fill(input, using: &generator)
    input.rows(0..<1).fill(0)
    let output = Matrix<Float>(rows: vocabularySize, cols: d)  // u, zeros
    let dv = UnsafeMutablePointer<Float>.allocate(capacity: d)
    let targets = UnsafeMutablePointer<UnsafeMutablePointer<Float>>.allocate(
      capacity: config.negatives + 1)
    defer {
      dv.deallocate()
      targets.deallocate()
    }
    let totalWords = Double(words * config.epochs)
    let progress = job.progress(total: words * config.epochs, unit: .items("words"))
    var visited = 0  // in-vocabulary words (those `words` counts), before subsampling: the
    // learning rate's and the progress's count, so both end at the total
    var kept = 0
    var losses: [Double] = []
    let clock = Date()
    for epoch in 1...config.epochs {
      var lossSum = 0.0
      var pairs = 0
      var sentence: [Int32] = []
      for sequence in sequences {
        sentence.removeAll(keepingCapacity: true)
        var inVocabulary = 0
        for id in sequence where id != Vocabulary.unknownID && id != Vocabulary.padID {
          inVocabulary += 1
          if keep[Int(id)] >= 1 || Double.random(in: 0..<1, using: &generator) < keep[Int(id)] {
            sentence.append(id)
          }
        }
        let rate = Float(config.learningRate * max(1e-4, 1 - Double(visited) / totalWords))
        for i in sentence.indices {
          let b = Int.random(in: 1...config.window, using: &generator)
          let v = input.pointer + Int(sentence[i]) * input.stride
          for j in max(0, i - b)...min(sentence.count - 1, i + b) where j != i {
            targets[0] = output.pointer + Int(sentence[j]) * output.stride
            var count = 1
            for _ in 0..<config.negatives {
              let word = noise.sample(using: &generator)
              if word == sentence[j] { continue }
              targets[count] = output.pointer + Int(word) * output.stride
              count += 1
            }
            dv.update(repeating: 0, count: d)
            lossSum += Double(
              NegativeSamplingLoss.step(
                v: v, targets: UnsafeBufferPointer(start: targets, count: count), d: d, rate: rate,
                dv: dv))
            for k in 0..<d { v[k] += dv[k] }  // v −= rate · dL/dv
            pairs += 1
          }
        }
        visited += inVocabulary
        kept += sentence.count
        progress.advance(by: inVocabulary)
        progress.detail = String(
          format: "epoch %d/%d, loss %.4f", epoch, config.epochs, lossSum / Double(max(pairs, 1)))
      }
      losses.append(lossSum / Double(max(pairs, 1)))
    }
    progress.finish()
    job.setItemCount(sequences.count)
    let seconds = Date().timeIntervalSince(clock)
    return Result(
      vectors: input, epochLosses: losses, wordsPerSecond: Double(kept) / max(seconds, 1e-9),
      wordCount: words)
  }
}
