/// Which column (CSV, TSV) or key (JSON Lines) holds a record's text and which its label:
/// `--text-field` and `--label-field`, `text` and `label` unless told otherwise.
public struct RecordFields: Sendable, Equatable {
  /// The text's column or key.
  public var text: String
  /// The label's column or key.
  public var label: String

  /// The fields named `text` and `label`.
  public init(text: String = "text", label: String = "label") {
    self.text = text
    self.label = label
  }
}
