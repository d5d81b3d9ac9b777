import Dispatch
import Foundation

/// Runs independent pieces of work on the machine's cores, one level deep: work started from
/// inside a piece runs serially on that piece's thread, so nested parallel code (a bidirectional
/// layer inside a batch split inside an inference worker) never asks for more threads than there
/// are cores. OpenBLAS itself always runs on one thread (see `BLAS`), so each piece's products run
/// on its own core. Pieces run in the caller's floating-point environment (see
/// `FloatingPointMode`).
public enum Parallel {
  /// How many pieces may run at once from here: this process's cores, or 1 inside a piece.
  public static var width: Int { isInsidePiece ? 1 : cores }

  /// The active cores, or under mpirun this rank's share of them (see `LaunchEnvironment`).
  public static let cores = LaunchEnvironment.current.coresPerProcess(
    active: ProcessInfo.processInfo.activeProcessorCount,
    installed: ProcessInfo.processInfo.processorCount)

  /// `body(k)` for k in 0 ..< count, at once when `width` allows; the results in order.
  public static func map<Result>(_ count: Int, _ body: (Int) -> Result) -> [Result] {
    guard count > 1, !isInsidePiece else { return (0..<count).map(body) }
    var results = [Result?](repeating: nil, count: count)
    let environment = FloatingPointMode.current
    results.withUnsafeMutableBufferPointer { slots in
      DispatchQueue.concurrentPerform(iterations: count) { k in
        // concurrentPerform may run a piece on the calling thread: mark it only meanwhile.
        let outer = isInsidePiece
        isInsidePiece = true
        slots[k] = FloatingPointMode.with(environment) { body(k) }
        isInsidePiece = outer
      }
    }
    return results.map { result in
      guard let result else { preconditionFailure("every piece ran") }
      return result
    }
  }

  /// `body` over 0 ..< count cut into contiguous ranges, one per core (fewer when a range would
  /// be shorter than `minimum`), the ranges at once: for loops whose iterations are independent.
  public static func forEachRange(
    _ count: Int, minimum: Int = 1 << 14, _ body: (Range<Int>) -> Void
  ) {
    let pieces = max(1, min(width, count / max(1, minimum)))
    _ = map(pieces) { k in body(count * k / pieces..<count * (k + 1) / pieces) }
  }

  /// `first()` and `second()` at once when `width` allows.
  public static func pair<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    var a: A?
    var b: B?
    _ = map(2) { k in if k == 0 { a = first() } else { b = second() } }
    guard let a, let b else { preconditionFailure("both pieces ran") }
    return (a, b)
  }

  /// Whether the current thread is running a piece: a per-thread flag.
  private static var isInsidePiece: Bool {
    get { pthread_getspecific(pieceKey) != nil }
    set { pthread_setspecific(pieceKey, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
  }

  private static let pieceKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()
}
