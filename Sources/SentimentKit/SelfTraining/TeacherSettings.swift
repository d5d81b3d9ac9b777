/// How a student was self-trained, as its training configuration records it (so that
/// `--resume` labels the same reviews again and reports say where its extra reviews came from).
public struct TeacherSettings: Codable, Equatable, Sendable {
  /// The teacher's model folder, as given.
  public var folder: String
  /// The least largest class probability a review needed (see `TeacherLabelling`).
  public var minConfidence: Double
  /// Review files or folders that were labelled; empty: the IMDB archive's `train/unsup`.
  public var unlabelled: [String]
  /// What the student learns from each kept review.
  public var targets: TeacherTargets

  /// Settings of every field.
  public init(folder: String, minConfidence: Double, unlabelled: [String] = [], targets: TeacherTargets = .hard) {
    self.folder = folder
    self.minConfidence = minConfidence
    self.unlabelled = unlabelled
    self.targets = targets
  }
}
