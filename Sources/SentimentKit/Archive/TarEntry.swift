/// A regular file in a tar archive, as `TarReader.next()` returns it.
public struct TarEntry: Sendable, Equatable {
  /// The full path: from a pax `path` record, a GNU long name, or the ustar prefix and name.
  public var path: String
  /// Size of the file's data in bytes.
  public var size: Int
  /// Offset of the entry's header in the decompressed tar stream.
  public var offset: Int

  /// An entry with every field given.
  public init(path: String, size: Int, offset: Int) {
    self.path = path
    self.size = size
    self.offset = offset
  }
}
