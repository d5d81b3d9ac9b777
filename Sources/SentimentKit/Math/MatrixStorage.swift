/// The heap block behind one or more `Matrix` views: 64-byte aligned, zero-filled, freed when the
/// last view goes away.
public final class MatrixStorage<T: Scalar> {
  /// First element.
  public let pointer: UnsafeMutablePointer<T>
  /// Number of elements.
  public let count: Int

  /// Allocates `count` zeros.
  public init(count: Int) {
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: max(count, 1) * MemoryLayout<T>.stride, alignment: 64)
    pointer = raw.bindMemory(to: T.self, capacity: max(count, 1))
    pointer.initialize(repeating: 0, count: max(count, 1))
    self.count = count
  }

  deinit { pointer.deallocate() }
}
