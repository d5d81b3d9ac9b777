import Foundation

/// The temporary files of `AtomicFile`s not yet committed, removed when SIGINT, SIGTERM or SIGHUP
/// ends the process, so an interrupted run leaves no half-written file behind. (SIGKILL cannot
/// be caught: `AtomicFile` names its temporaries so they do not pass for finished files, and
/// removes those of dead processes.) The handler, installed on first use unless the signal is
/// ignored, only calls `unlink`, then re-raises the signal with its default action.
enum TemporaryFiles {
  private static let capacity = 64
  // Paths as C strings the handler can read without allocating; nil marks a free slot.
  nonisolated(unsafe) private static let slots:
    UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
      let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
      slots.initialize(repeating: nil, count: capacity)
      return slots
    }()
  private static let lock = NSLock()
  nonisolated(unsafe) private static var installed = false

  /// Records `path` for removal on a signal; the slot to pass to `remove(_:)`, or nil when every
  /// slot is taken (the file is then only removed by its owner).
  static func add(_ path: String) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    if !installed {
      installed = true
      for signal in [SIGINT, SIGTERM, SIGHUP] { install(signal) }
    }
    guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
    slots[free] = strdup(path)
    return free
  }

  /// Forgets the path in `slot` (its file was renamed or removed).
  static func remove(_ slot: Int) {
    lock.lock()
    defer { lock.unlock() }
    let path = slots[slot]
    slots[slot] = nil
    free(path)
  }

  private static func install(_ number: Int32) {
    let previous = signal(number) { number in
      for index in 0..<TemporaryFiles.capacity {
        if let path = TemporaryFiles.slots[index] { unlink(path) }
      }
      signal(number, SIG_DFL)
      raise(number)
    }
    if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
      signal(number, SIG_IGN)  // as under nohup: leave it ignored
    }
  }
}
