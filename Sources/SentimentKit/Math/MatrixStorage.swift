/// The heap block behind one or more `Matrix` views: 64-byte aligned, freed (or, when large,
/// returned to `BlockPool` for reuse) when the last view goes away.
public final class MatrixStorage<T: Scalar> {
  /// First element.
  public let pointer: UnsafeMutablePointer<T>
  /// Number of elements.
  public let count: Int
  private let bytes: Int  // of the block, ≥ count elements

  /// Allocates `count` zeros.
  public convenience init(count: Int) {
    self.init(uninitializedCount: count)
    pointer.initialize(repeating: 0, count: max(count, 1))
  }

  /// Allocates `count` elements whose values are undefined: for buffers the caller overwrites
  /// completely before reading.
  init(uninitializedCount count: Int) {
    let block = BlockPool.shared.allocate(bytes: max(count, 1) * MemoryLayout<T>.stride)
    pointer = block.pointer.bindMemory(to: T.self, capacity: max(count, 1))
    bytes = block.bytes
    self.count = count
  }

  deinit { BlockPool.shared.release(UnsafeMutableRawPointer(pointer), bytes: bytes) }
}
