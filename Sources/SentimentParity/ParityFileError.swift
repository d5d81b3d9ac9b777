import SentimentKit
/// Why a parity case file could not be read or run. Every case names the file, and the field at
/// fault as a dotted path ("weights.weight_ih_l0", "grad.x").
public enum ParityFileError: Error, CustomStringConvertible, Equatable {
  /// The file could not be read, or is not a JSON object; `reason` is the system's.
  case unreadable(file: String, reason: String)
  /// A field the case needs is absent.
  case missingField(file: String, field: String)
  /// A field is present but not of the form the case needs (`expected` says which).
  case malformedField(file: String, field: String, expected: String)
  /// A tensor whose shape differs from the one the model gives it.
  case wrongShape(file: String, field: String, found: [Int], expected: [Int])
  /// An object of named tensors whose names differ from the model's.
  case names(file: String, field: String, missing: [String], unexpected: [String])
  /// The description names a model, option or setting the parity runner does not model (it would
  /// otherwise compare against the wrong thing), or no model at all.
  case unsupported(file: String, what: String)

  /// One line saying where and what.
  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read: \(reason)"
    case .missingField(let file, let field):
      return "\(file): missing field '\(field)'"
    case .malformedField(let file, let field, let expected):
      return "\(file): field '\(field)' is not \(expected)"
    case .wrongShape(let file, let field, let found, let expected):
      return "\(file): field '\(field)' has shape \(found), expected \(expected)"
    case .names(let file, let field, let missing, let unexpected):
      let parts = [
        missing.isEmpty ? nil : "missing \(missing.joined(separator: ", "))",
        unexpected.isEmpty ? nil : "unexpected \(unexpected.joined(separator: ", "))",
      ]
      return "\(file): tensors under '\(field)' do not match the model: "
        + parts.compactMap { $0 }.joined(separator: "; ")
    case .unsupported(let file, let what):
      return "\(file): unsupported: \(what)"
    }
  }
}
