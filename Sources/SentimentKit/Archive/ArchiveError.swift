/// A problem reading a `.tar.gz` archive. Its description names the archive, the entry being
/// read when it is known, and the byte offset: in the compressed file for gzip problems, in the
/// decompressed tar stream for tar problems.
public struct ArchiveError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    /// The file does not start with the gzip magic bytes 1f 8b (or is empty).
    case notGzip
    /// The deflate data cannot be decoded; zlib's message says why.
    case corruptDeflate(String)
    /// The file ends in the middle of a gzip member.
    case truncatedGzip
    /// A member's CRC-32 or length trailer does not match its data; zlib's message says which.
    case checksumMismatch(String)
    /// The tar stream ends inside a header or an entry's data.
    case truncatedTar
    /// The tar stream ends after a whole entry, without the zero blocks that end an archive:
    /// it was cut short at an entry boundary.
    case missingEndMarker
    /// An entry to be read is larger than the reader holds in memory (`TarReader.contentLimit`).
    case entryTooLarge(size: Int, limit: Int)
    /// A tar header's checksum does not match its bytes.
    case badHeaderChecksum
    /// A tar header or pax record cannot be parsed; the text says what.
    case badHeader(String)
    /// The file cannot be opened or read; the text is the system's reason.
    case unreadable(String)
  }

  /// What went wrong.
  public var kind: Kind
  /// The archive's path as given to the reader.
  public var archive: String
  /// The entry being read, when known.
  public var entry: String?
  /// Byte offset of the problem: compressed for gzip kinds, decompressed for tar kinds.
  public var offset: Int

  /// An error of `kind` in `archive` at `offset`, inside `entry` when known.
  public init(_ kind: Kind, archive: String, entry: String? = nil, offset: Int) {
    self.kind = kind
    self.archive = archive
    self.entry = entry
    self.offset = offset
  }

  /// True when `offset` counts bytes of the compressed file rather than of the tar stream.
  public var isCompressedOffset: Bool {
    switch kind {
    case .notGzip, .corruptDeflate, .truncatedGzip, .checksumMismatch, .unreadable: return true
    case .truncatedTar, .missingEndMarker, .entryTooLarge, .badHeaderChecksum, .badHeader:
      return false
    }
  }

  /// As "data.tar.gz: truncated gzip data (file ends mid-stream), in entry 'a/b.txt', at
  /// compressed byte 1234". Names are shown `printable`: a control character in an entry's name
  /// is escaped, not sent to the terminal.
  public var description: String {
    var text = "\(archive.printable): \(problem)"
    if let entry { text += ", in entry '\(entry.printable)'" }
    text += isCompressedOffset ? ", at compressed byte \(offset)" : ", at tar byte \(offset)"
    return text
  }

  private var problem: String {
    switch kind {
    case .notGzip: return "not a gzip file"
    case .corruptDeflate(let message): return "corrupt deflate data (\(message))"
    case .truncatedGzip: return "truncated gzip data (file ends mid-stream)"
    case .checksumMismatch(let message): return "gzip trailer mismatch (\(message))"
    case .truncatedTar: return "truncated tar (data ends inside a header or entry)"
    case .missingEndMarker:
      return "truncated tar (no end-of-archive marker after the last entry: the archive was cut short)"
    case .entryTooLarge(let size, let limit):
      return "entry of \(size) bytes is larger than the \(limit / (1 << 20)) MiB limit for an entry read into memory"
    case .badHeaderChecksum: return "tar header checksum mismatch"
    case .badHeader(let message): return "bad tar header (\(message))"
    case .unreadable(let reason): return "cannot read file (\(reason))"
    }
  }
}
