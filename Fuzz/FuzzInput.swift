import Foundation

/// What every fuzz target shares: the input written to a scratch file for readers that take a
/// path, and a byte source over the input for readers that stream. Not part of SentimentKit.
enum FuzzInput {
  /// A scratch folder for this process, made once.
  static let folder: String = {
    let path = NSTemporaryDirectory() + "sentiment-fuzz-\(getpid())"
    mkdir(path, 0o755)
    return path
  }()

  /// Writes `data` to `name` in the scratch folder; its path.
  static func write(_ data: UnsafeRawBufferPointer, to name: String) -> String {
    let path = folder + "/" + name
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0, "cannot write \(path)")
    var written = 0
    while written < data.count, let base = data.baseAddress {
      let n = Foundation.write(descriptor, base + written, data.count - written)
      precondition(n > 0, "cannot write \(path)")
      written += n
    }
    close(descriptor)
    return path
  }

  /// The input as a buffer (empty when libFuzzer passes a null pointer).
  static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
  }
}
