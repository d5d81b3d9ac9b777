import Foundation

/// A JSON Lines file (optionally gzip-compressed, `.gz`): one JSON object a line, its `fields`
/// keys holding the text (a string) and the label (a string, or a whole number written as its
/// digits). Other keys are ignored and blank lines are no record; a line that is not an object,
/// lacks a key, has the wrong type, an empty label or more than `Review.byteLimit` bytes is a
/// `CorpusError.malformed` naming the file and line. Sources are "FILE:LINE".
public struct JSONLinesSource: CorpusSource {
  /// The file.
  public let path: String
  /// The text and label keys.
  public let fields: RecordFields

  /// A reader of the file at `path`.
  public init(path: String, fields: RecordFields) {
    self.path = path
    self.fields = fields
  }

  /// "JSON Lines file".
  public var kindDescription: String { "JSON Lines file" }

  /// Reads each line in file order.
  public func forEach(in job: Job, _ body: (LabelledReview) throws -> Void) throws {
    let stream = try ByteStream(path: path)
    while true {
      let number = stream.line
      guard let line = try stream.nextLine(limit: Review.byteLimit) else { return }
      if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
      let location = "\(path):\(number)"
      guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      else {
        throw CorpusError.malformed(location, reason: "not a JSON object")
      }
      guard let text = object[fields.text] as? String else {
        throw CorpusError.malformed(
          location,
          reason: object[fields.text] == nil
            ? "no key \(fields.text.quoted) (name the text's key with --text-field)"
            : "\(fields.text.quoted) is not a string")
      }
      try body(
        LabelledReview(
          text: text, label: try label(object[fields.label], at: location), source: location,
          split: nil))
    }
  }

  // The label value as text: a non-empty string (trimmed) or a whole number.
  private func label(_ value: Any?, at location: String) throws -> String {
    let key = fields.label.quoted
    switch value {
    case nil:
      throw CorpusError.malformed(location, reason: "no key \(key) (name the label's key with --label-field)")
    case let number as NSNumber where !(number is Bool):
      guard number.doubleValue.rounded() == number.doubleValue, abs(number.doubleValue) < 1e15 else {
        throw CorpusError.malformed(location, reason: "\(key) \(number) is not a whole number")
      }
      return "\(number.int64Value)"
    case let text as String:
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else { throw CorpusError.malformed(location, reason: "empty label (\(key))") }
      return trimmed
    default:
      throw CorpusError.malformed(location, reason: "\(key) is neither a string nor a whole number")
    }
  }
}
