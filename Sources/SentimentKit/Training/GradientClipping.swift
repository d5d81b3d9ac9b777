/// Guards on a batch's gradients before the optimizer sees them: the global norm clip of PyTorch's
/// `clip_grad_norm_`, and a check for NaN or ±∞.
///
/// Legend: g every gradient element of every tensor; ‖g‖ = √(Σ g²) over all of them together.
///   c = maxNorm / (‖g‖ + 1e-6);  when c < 1 (‖g‖ above maxNorm, to within 1e-6): g ← c g
public enum GradientClipping {
  /// ‖g‖ over all tensors of `gradients`, summed in Double.
  @_specialize(where P == ParameterList<Float>)
  public static func globalNorm<P: ParameterSet>(_ gradients: P) -> Double {
    // Σ g², over the touched rows alone where a gradient records them (the others are zero)
    let total = gradients.namedTensors.reduce(0.0) { $0 + $1.value.sumOfSquares(rows: $1.touchedRows?.rows) }
    return total.squareRoot()
  }

  /// Scales `gradients` in place so their global norm is at most about `maxNorm`, as PyTorch's
  /// `clip_grad_norm_`; returns the norm before clipping. A non-finite norm leaves the gradients
  /// alone (PyTorch would fill them with NaN): check `firstNonFinite` and skip the update.
  @discardableResult
  @_specialize(where P == ParameterList<Float>)
  public static func clip<P: ParameterSet>(_ gradients: P, maxNorm: Double) -> Double {
    let norm = globalNorm(gradients)
    let coefficient = maxNorm / (norm + 1e-6)  // c = maxNorm / (‖g‖ + 1e-6)
    guard norm.isFinite, coefficient < 1 else { return norm }
    for t in gradients.namedTensors {  // g ← c g
      if let touched = t.touchedRows { t.value.scale(rows: touched.rows, by: P.T(coefficient)) } else { t.value.scale(by: P.T(coefficient)) }
    }
    return norm
  }

  /// "loss" when `loss` is NaN or ±∞, else the name of the first gradient tensor holding such a
  /// value, else nil (all finite).
  @_specialize(where P == ParameterList<Float>)
  public static func firstNonFinite<P: ParameterSet>(in gradients: P, loss: P.T? = nil) -> String? {
    if let loss, !loss.isFinite { return "loss" }
    return gradients.namedTensors.first { t in
      guard let touched = t.touchedRows else { return !t.value.isFinite }
      return !t.value.rowsAreFinite(touched.rows)  // the other rows are zero
    }?.name
  }
}
