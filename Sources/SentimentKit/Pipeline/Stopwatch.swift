/// Monotonic wall-clock time since the stopwatch was made, in seconds.
public struct Stopwatch: Sendable {
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant

  /// A stopwatch started now.
  public init() {
    start = clock.now
  }

  /// Seconds elapsed since `init`.
  public var seconds: Double {
    let elapsed = (clock.now - start).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }
}
