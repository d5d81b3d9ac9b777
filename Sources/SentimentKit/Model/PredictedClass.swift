/// The class a probability distribution predicts: with two classes, class 1 when p₁ ≥ ½ (the
/// binary rule every model has always used, so a tie goes to pos and binary results stay as
/// they were); with more, the most probable class (the first of a tie).
public enum PredictedClass {
  /// The predicted class index of `p` (one probability per class).
  public static func of(_ p: [Double]) -> Int {
    if p.count == 2 { return p[1] >= 0.5 ? 1 : 0 }
    var best = 0
    for k in p.indices where p[k] > p[best] { best = k }
    return best
  }
}
