/// What `TeacherLabelling` gives: the unlabelled reviews the teacher was sure of, each with its
/// label (a class index in the teacher's, and so the student's, order) and the probability the
/// teacher gave it; and how many were left out, by reason.
public struct TeacherLabels: Sendable {
  /// The kept reviews, in input order.
  public private(set) var reviews: [UnlabelledReview] = []
  /// The class index of each kept review.
  public private(set) var labels: [Int] = []
  /// The teacher's probability of that class.
  public private(set) var confidences: [Double] = []
  /// The teacher's class probabilities of each kept review.
  public private(set) var probabilities: [[Double]] = []
  /// Kept reviews per class.
  public private(set) var classCounts: [Int]
  /// Reviews read.
  public var read = 0
  /// Reviews with no words (the teacher gives them no probability).
  public var noWords = 0
  /// Reviews below the confidence the stage asks for.
  public var unsure = 0

  /// No reviews yet, of `classCount` classes.
  public init(classCount: Int) {
    classCounts = [Int](repeating: 0, count: classCount)
  }

  /// Reviews kept.
  public var count: Int { reviews.count }

  /// Keeps `review` with the teacher's `probabilities`, labelled with the most probable class.
  public mutating func append(_ review: UnlabelledReview, probabilities p: [Double]) {
    let label = PredictedClass.of(p)
    reviews.append(review)
    labels.append(label)
    confidences.append(p[label])
    probabilities.append(p)
    classCounts[label] += 1
  }
}
