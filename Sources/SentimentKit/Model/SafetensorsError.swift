/// Why a safetensors file could not be read, written or loaded. Every case names the file, and
/// the tensor when one is at fault.
public enum SafetensorsError: Error, CustomStringConvertible {
  /// The file could not be opened, read, written, synced or renamed.
  case io(file: String, reason: String)
  /// Fewer than the 8 bytes of the header length.
  case truncated(file: String, size: Int)
  /// The header length N runs past the end of the file.
  case headerLength(file: String, length: UInt64, available: Int)
  /// The header is not a JSON object of the expected form, or the tensors do not tile the data.
  case header(file: String, reason: String)
  /// One tensor's entry is invalid: dtype, shape, offsets, overlap or gap.
  case tensor(file: String, tensor: String, reason: String)
  /// Loading into a parameter set: tensors it needs that the file lacks, tensors the file has that
  /// it does not know, and tensors whose shapes differ ("name: file [3, 2], expected [2, 3]").
  case mismatch(file: String, missing: [String], unexpected: [String], wrongShape: [String])

  /// One line saying what is wrong and where.
  public var description: String {
    switch self {
    case .io(let file, let reason):
      return "\(file): \(reason)"
    case .truncated(let file, let size):
      return "\(file): truncated: \(size) bytes, fewer than the 8-byte header length"
    case .headerLength(let file, let length, let available):
      return "\(file): header length \(length) exceeds the \(available) bytes that follow it"
    case .header(let file, let reason):
      return "\(file): bad header: \(reason)"
    case .tensor(let file, let tensor, let reason):
      return "\(file): tensor '\(tensor)' \(reason)"
    case .mismatch(let file, let missing, let unexpected, let wrongShape):
      let parts = [
        missing.isEmpty ? nil : "missing \(missing.joined(separator: ", "))",
        unexpected.isEmpty ? nil : "unexpected \(unexpected.joined(separator: ", "))",
        wrongShape.isEmpty ? nil : "wrong shape \(wrongShape.joined(separator: "; "))",
      ]
      return "\(file): tensors do not match the model: "
        + parts.compactMap { $0 }.joined(separator: "; ")
    }
  }
}
