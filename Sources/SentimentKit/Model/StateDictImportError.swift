/// Why a state_dict could not be imported: the file, the tensor when one is at fault, and what is
/// wrong with it.
public struct StateDictImportError: Error, CustomStringConvertible {
  /// The safetensors file, vocabulary or output folder at fault.
  public let file: String
  /// The tensor, when one is at fault.
  public let tensor: String?
  /// What is wrong.
  public let reason: String

  /// "FILE: tensor 'NAME' REASON", or "FILE: REASON".
  public var description: String {
    "\(file): " + (tensor.map { "tensor '\($0)' " } ?? "") + reason
  }
}
