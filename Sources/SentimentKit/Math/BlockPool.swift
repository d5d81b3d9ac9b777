import Foundation

/// Large freed matrix blocks kept for reuse. A training step allocates the same few large
/// buffers every batch (gate pre-activations, states, their gradients: tens of MB); fresh ones
/// come from the kernel page by page, each page faulted in and zeroed, which cost a fifth of a
/// step. Blocks of at least `minimumBytes` go back here when freed and are handed out again for
/// requests of about their size; at most `capacityBytes` are kept, the oldest freed first.
final class BlockPool: @unchecked Sendable {
  /// The process-wide pool.
  static let shared = BlockPool()

  /// Smaller blocks go straight back to malloc, which reuses them well.
  static let minimumBytes = 256 << 10
  /// Most bytes kept idle.
  static let capacityBytes = 512 << 20
  /// Alignment of every block (a cache line, and AVX-512's width).
  static let alignment = 64

  private var idle: [(pointer: UnsafeMutableRawPointer, bytes: Int)] = []  // oldest first
  private var idleBytes = 0
  private let lock = NSLock()

  /// A block of at least `bytes` bytes (contents undefined) and its actual size: an idle block
  /// no more than twice as big when there is one (the smallest), else a new one. Large sizes
  /// are rounded up to one of eight steps per power of two (at most 12.5% more), so requests
  /// that grow a little from batch to batch (length-sorted inference) still find a block.
  func allocate(bytes requested: Int) -> (pointer: UnsafeMutableRawPointer, bytes: Int) {
    var bytes = requested
    if bytes >= Self.minimumBytes {
      let step = 1 << (Int.bitWidth - bytes.leadingZeroBitCount - 4)  // 2^⌊log2⌋ / 8
      bytes = (bytes + step - 1) / step * step
      lock.lock()
      let fits = idle.indices.filter { idle[$0].bytes >= bytes && idle[$0].bytes <= 2 * bytes }
      if let best = fits.min(by: { idle[$0].bytes < idle[$1].bytes }) {
        let block = idle.remove(at: best)
        idleBytes -= block.bytes
        lock.unlock()
        return block
      }
      lock.unlock()
    }
    return (UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.alignment), bytes)
  }

  /// Takes back a block from `allocate`: kept when large, freed otherwise or when the pool is
  /// full (then the oldest idle blocks are freed first).
  func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
    guard bytes >= Self.minimumBytes, bytes <= Self.capacityBytes else {
      pointer.deallocate()
      return
    }
    lock.lock()
    idle.append((pointer, bytes))
    idleBytes += bytes
    var evicted: [UnsafeMutableRawPointer] = []
    while idleBytes > Self.capacityBytes {
      let oldest = idle.removeFirst()
      idleBytes -= oldest.bytes
      evicted.append(oldest.pointer)
    }
    lock.unlock()
    for block in evicted { block.deallocate() }
  }
}
