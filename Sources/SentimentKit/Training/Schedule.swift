import Foundation

/// How the learning rate moves during training: the rate for update s (s = 0 for the first update)
/// as a multiple of the base rate.
///   constant:       lr_s = base
///   stepDecay:      lr_s = base · γ^⌊s / every⌋          (PyTorch StepLR, counted in updates)
///   warmupLinear:   lr_s = base · (s + 1)/W for s < W, then base · (1 − q)
///   warmupCosine:   lr_s = base · (s + 1)/W for s < W, then base · (1 + cos πq)/2
///                   q = (s − W)/(total − W), capped at 1: 0 after warm-up, 1 at `total`.
public enum Schedule: Codable, Equatable, Sendable {
  /// The base rate throughout.
  case constant
  /// Multiply by `factor` (γ) every `every` updates.
  case stepDecay(every: Int, factor: Double)
  /// Linear warm-up over `warmup` updates, then linear decay to 0 at update `total`.
  case warmupLinear(warmup: Int, total: Int)
  /// Linear warm-up over `warmup` updates, then cosine decay to 0 at update `total`.
  case warmupCosine(warmup: Int, total: Int)

  /// A description of what is wrong, or nil: a step size of at least 1, a finite positive
  /// factor, a warm-up of 0 or more within the total.
  public var problem: String? {
    switch self {
    case .constant:
      return nil
    case .stepDecay(let every, let factor):
      if every < 1 { return "schedule step must be at least 1 update, not \(every)" }
      if !(factor > 0 && factor.isFinite) {
        return "schedule factor must be a positive finite number, not \(factor)"
      }
      return nil
    case .warmupLinear(let warmup, let total), .warmupCosine(let warmup, let total):
      if warmup < 0 || total < warmup {
        return "schedule needs 0 ≤ warmup ≤ total, not warmup \(warmup) and total \(total)"
      }
      return nil
    }
  }

  /// The learning rate for update `step` (0-based).
  public func learningRate(base: Double, step s: Int) -> Double {
    switch self {
    case .constant:
      return base
    case .stepDecay(let every, let factor):
      return base * pow(factor, Double(s / every))  // base · γ^⌊s / every⌋
    case .warmupLinear(let warmup, let total):
      return base * Schedule.factor(s, warmup: warmup, total: total) { q in 1 - q }
    case .warmupCosine(let warmup, let total):
      return base
        * Schedule.factor(s, warmup: warmup, total: total) { q in (1 + cos(Double.pi * q)) / 2 }
    }
  }

  /// (s + 1)/W while warming up, then `decay(q)`.
  private static func factor(
    _ s: Int, warmup: Int, total: Int, decay: (Double) -> Double
  ) -> Double {
    if s < warmup { return Double(s + 1) / Double(warmup) }
    // q = (s − W)/(total − W), at most 1
    let q = min(1, Double(s - warmup) / Double(max(total - warmup, 1)))
    return decay(q)
  }
}
