/// Scoring a model of any kind as a stage of a job: labelled texts in, class probabilities for
/// each out, a
/// slice of 2,048 texts at a time with progress.
public struct ClassifierEvaluation: Stage {
  /// The model scored.
  public let model: any ReviewClassifier
  /// Stage name in records and progress lines.
  public let name: String

  /// A stage scoring with `model`.
  public init(model: any ReviewClassifier, name: String = "evaluate") {
    self.model = model
    self.name = name
  }

  /// The class probabilities of each text, in order; every text must have a word (as
  /// `LabelledTexts` promise).
  public func run(_ input: LabelledTexts, in job: Job) throws -> [[Double]] {
    let progress = job.progress(total: input.count, unit: .items("reviews"))
    job.setItemCount(input.count)
    var result = [[Double]]()
    result.reserveCapacity(input.count)
    for start in stride(from: 0, to: input.count, by: 2048) {
      let part = Array(input.texts[start..<min(start + 2048, input.count)])
      for (offset, p) in model.classProbabilities(ofTexts: part).enumerated() {
        guard let p else { preconditionFailure("\(input.sources[start + offset]) has no words") }
        result.append(p)
      }
      progress.advance(by: part.count)
    }
    return result
  }
}
