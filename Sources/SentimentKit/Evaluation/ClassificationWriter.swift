/// Writes `ClassificationRow`s in a `ClassificationFormat`, header first, to an output such as
/// standard output or an `AtomicFile`. Lines are gathered into blocks of about 64 KiB; `flush()`
/// hands over what is gathered.
public final class ClassificationWriter {
  /// The format of every line.
  public let format: ClassificationFormat
  /// The model's classes, one `p_LABEL` column each.
  public let labels: [String]
  private let output: ([UInt8]) throws -> Void
  private var pending: [UInt8] = []

  private static let blockSize = 1 << 16

  /// A writer of `format` lines for a model of classes `labels`, passing each block of bytes to
  /// `output`; the header (if the format has one) goes out with the first block.
  public init(
    format: ClassificationFormat, labels: [String], output: @escaping ([UInt8]) throws -> Void
  ) {
    self.format = format
    self.labels = labels
    self.output = output
    pending.reserveCapacity(Self.blockSize)
    if let header = format.header(labels: labels) { pending += header.utf8 }
  }

  /// Adds `row`'s line, writing a block when one is full.
  public func write(_ row: ClassificationRow) throws {
    pending += format.line(row, labels: labels).utf8
    if pending.count >= Self.blockSize { try flush() }
  }

  /// Hands every gathered byte to the output.
  public func flush() throws {
    guard !pending.isEmpty else { return }
    try output(pending)
    pending.removeAll(keepingCapacity: true)
  }
}
