/// What a self-trained student learns from a review its teacher labelled.
public enum TeacherTargets: String, Codable, CaseIterable, Sendable {
  /// The teacher's most probable class, every epoch (pseudo-labels).
  case hard
  /// A class drawn from the teacher's probabilities afresh every epoch: in expectation the
  /// cross-entropy against the teacher's soft labels, −Σ_k p_teacher(k) log P(k), as in
  /// distillation (see `LabelledSequences.drawnLabels`).
  case sampled
}
