/// Self-training's labelling stage: a trained model of any kind (the teacher) labels unlabelled
/// reviews, and those it is sure of become training reviews for another model (the student).
///
/// This is pseudo-labelling (Lee 2013), and with a stronger teacher than the student, knowledge
/// distillation through unlabelled data (Buciluǎ et al. 2006; Hinton et al. 2015): a student
/// of one kind learns what a teacher of another kind knows (say, a recurrent model from an
/// ensemble with a bag-of-n-grams model) without keeping the teacher's features. A review
/// counts when the teacher's largest class probability reaches `minConfidence`:
///   keep r  ⇔  max_k p_teacher(k | r) ≥ minConfidence,   its label argmax_k p_teacher(k | r)
/// Reviews are classified `chunkSize` at a time (the teacher uses every core on each chunk),
/// so memory stays that of one chunk beyond the texts themselves.
public struct TeacherLabelling: Stage {
  /// The model that labels.
  public let teacher: any ReviewClassifier
  /// The least largest class probability a review needs to be kept, in [0, 1].
  public let minConfidence: Double
  /// Reviews classified together.
  public static let chunkSize = 512

  /// A stage labelling with `teacher`; `minConfidence` in [0, 1].
  public init(teacher: any ReviewClassifier, minConfidence: Double) {
    precondition((0...1).contains(minConfidence), "minConfidence must be in [0, 1]")
    self.teacher = teacher
    self.minConfidence = minConfidence
  }

  /// "label with the teacher".
  public var name: String { "label with the teacher" }

  /// The reviews kept, with their labels, in input order; counts the others by reason.
  public func run(_ reviews: [UnlabelledReview], in job: Job) throws -> TeacherLabels {
    let progress = job.progress(total: reviews.count, unit: .items("reviews"))
    var result = TeacherLabels(classCount: teacher.labels.count)
    result.read = reviews.count
    for start in stride(from: 0, to: reviews.count, by: Self.chunkSize) {
      let chunk = reviews[start..<min(start + Self.chunkSize, reviews.count)]
      let probabilities = teacher.classProbabilities(ofTexts: chunk.map(\.text))
      for (review, p) in zip(chunk, probabilities) {
        guard let p else {
          result.noWords += 1
          continue
        }
        let label = PredictedClass.of(p)
        guard p[label] >= minConfidence else {
          result.unsure += 1
          continue
        }
        result.append(review, probabilities: p)
      }
      progress.advance(by: chunk.count)
    }
    progress.finish()
    return result
  }
}
