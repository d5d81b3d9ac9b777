/// A file path as the bytes the system uses, which need not be UTF-8 (a name from an old
/// archive, another locale): opened by those bytes, shown with each invalid byte as `\xNN`.
/// A `String` path would have its invalid bytes replaced by U+FFFD and name another file.
public struct RawPath: Hashable, Sendable {
  /// The path's bytes, without a terminating NUL.
  public let bytes: [UInt8]

  /// The path of these bytes.
  public init(bytes: some Sequence<UInt8>) {
    self.bytes = Array(bytes)
  }

  /// The path `text` (UTF-8).
  public init(_ text: String) {
    bytes = Array(text.utf8)
  }

  /// The path for messages and output rows: invalid UTF-8 bytes as `\xNN`.
  public var text: String { String(escapingInvalidUTF8: bytes) }

  /// `name` inside this folder.
  func appending(_ name: [UInt8]) -> RawPath {
    RawPath(bytes: bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
  }

  /// Calls `body` with the path as a NUL-terminated C string.
  func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    try (bytes + [0]).withUnsafeBufferPointer { buffer in
      try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
  }
}
