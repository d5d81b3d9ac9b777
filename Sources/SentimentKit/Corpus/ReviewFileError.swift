/// Why one input of `ReviewFiles` gives no review text. The item's source names the input, so
/// the message does not repeat it.
public enum ReviewFileError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The path does not exist or could not be read; `reason` is the system's.
  case unreadable(reason: String)
  /// The bytes are not UTF-8; `offset` is where the first bad sequence starts (0-based, within
  /// the file or the line).
  case invalidUTF8(offset: Int)
  /// Nothing but whitespace, or nothing at all.
  case empty
  /// More than `limit` bytes (`Review.byteLimit`): not read.
  case tooLarge(limit: Int)

  /// As "cannot read: Permission denied", "invalid UTF-8 at byte 17", "empty review".
  public var description: String {
    switch self {
    case .unreadable(let reason): return "cannot read: \(reason)"
    case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset)"
    case .empty: return "empty review"
    case .tooLarge(let limit): return "review larger than \(WholeFile.megabytes(limit))"
    }
  }
}
