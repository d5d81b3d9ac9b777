/// A stream of bytes read front to back, such as the output of a `GzipReader`.
public protocol ByteSource: AnyObject {
  /// Copies the next bytes into the front of `buffer` and returns how many; 0 only at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}
