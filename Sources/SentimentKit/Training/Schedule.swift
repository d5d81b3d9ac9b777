import Foundation

/// How the learning rate moves during training: the rate for update s (s = 0 for the first update)
/// as a multiple of the base rate.
///   constant:       lr_s = base
///   stepDecay:      lr_s = base · γ^⌊s / every⌋          (PyTorch StepLR, counted in updates)
///   warmupLinear:   lr_s = base · (s + 1)/W for s < W, then base · (1 − q)
///   warmupCosine:   lr_s = base · (s + 1)/W for s < W, then base · (1 + cos πq)/2
///                   q = (s − W)/(total − W), capped at 1: 0 after warm-up, 1 at `total`.
///   slantedTriangular (Howard & Ruder 2018), T = total, cut = ⌊T · f⌋ (f = cutFraction):
///                   p = s/cut for s < cut, else 1 − (s − cut)/(T − cut)   (capped at 0)
///                   lr_s = base · (1 + p (ratio − 1)) / ratio
///                   a short linear rise from base/ratio to base, then a long linear fall back.
public enum Schedule: Codable, Equatable, Sendable {
  /// The base rate throughout.
  case constant
  /// Multiply by `factor` (γ) every `every` updates.
  case stepDecay(every: Int, factor: Double)
  /// Linear warm-up over `warmup` updates, then linear decay to 0 at update `total`.
  case warmupLinear(warmup: Int, total: Int)
  /// Linear warm-up over `warmup` updates, then cosine decay to 0 at update `total`.
  case warmupCosine(warmup: Int, total: Int)
  /// ULMFiT's slanted triangle over `total` updates: rising for the first `cutFraction` of them
  /// from base/`ratio` to base, then falling back to base/`ratio`.
  case slantedTriangular(total: Int, cutFraction: Double, ratio: Double)

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
    case .slantedTriangular(let total, let cutFraction, let ratio):
      if total < 1 { return "schedule needs at least 1 update, not \(total)" }
      if !(cutFraction > 0 && cutFraction < 1) {
        return "schedule cut fraction must be in (0, 1), not \(cutFraction)"
      }
      if !(ratio >= 1 && ratio.isFinite) { return "schedule ratio must be a finite number ≥ 1, not \(ratio)" }
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
    case .slantedTriangular(let total, let cutFraction, let ratio):
      let cut = max(1, Int(Double(total) * cutFraction))
      let p =
        s < cut
        ? Double(s) / Double(cut) : max(0, 1 - Double(s - cut) / Double(max(total - cut, 1)))
      return base * (1 + p * (ratio - 1)) / ratio
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
