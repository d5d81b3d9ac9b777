import Foundation

/// A model folder's `config.json`: the architecture, the text preprocessing and the training
/// settings, enough to rebuild the model, encode new text as it was trained, and resume training.
///
/// Beside the stored fields the file carries, for readers who never open our code, fields written
/// from them: `id2label` and `label2id` (Hugging Face's names) from `labels`, `pad_token_id` and
/// `unk_token_id`, and `architecture` (`ArchitectureDescription`, the network in torch.nn's
/// words) from `model`. Reading accepts a file without them, but refuses one in which they say
/// something else than the fields they are written from. `training` and `epochsCompleted` may be
/// missing (a folder made by `sentiment import`, or by hand): they are not needed to classify.
public struct ModelFolderConfig: Codable, Equatable, Sendable {
  /// Identifies the file's format.
  public var format = "sentimentkit-model"
  /// Format version; readers refuse versions they do not know.
  public var formatVersion = 1
  /// The network.
  public var model: ModelConfig
  /// Tokenizer, vocabulary size and truncation.
  public var text: TextConfig
  /// How it was (or is being) trained; the defaults when the file has none.
  public var training: TrainingConfig
  /// Epochs completed so far.
  public var epochsCompleted = 0
  /// The class names in head-output order: output k is p(labels[k]). Taken from the training
  /// data (sorted, or as `--labels` gave them); a config.json written before models had more
  /// than two classes has none and reads as ["neg", "pos"]. `model.classCount` equals its count.
  public var labels: [String] = ["neg", "pos"]
  /// The state_dict file the weights were imported from (`sentiment import`); nil for a model
  /// trained here. An imported model's `training` holds defaults, not how it was trained.
  public var importedFrom: String?

  /// A configuration of the three parts, for the classes `labels` (the head's outputs are set
  /// to their count).
  public init(
    model: ModelConfig, text: TextConfig, training: TrainingConfig, labels: [String] = ["neg", "pos"]
  ) {
    self.model = model
    self.model.classCount = labels.count
    self.text = text
    self.training = training
    self.labels = labels
  }


  /// Class id (as a string, as JSON keys are) → label.
  public var id2label: [String: String] {
    Dictionary(uniqueKeysWithValues: labels.enumerated().map { ("\($0)", $1) })
  }

  /// Label → class id (the first id of a label named twice, which `labelProblem` refuses).
  public var label2id: [String: Int] {
    Dictionary(labels.enumerated().map { ($1, $0) }) { first, _ in first }
  }

  /// The network in torch.nn's words.
  public var architecture: ArchitectureDescription {
    ArchitectureDescription(model, classes: labels.count)
  }

  /// A description of what is wrong with `labels`, or nil.
  public var labelProblem: String? {
    if labels.contains(where: \.isEmpty) { return "labels must not be empty strings" }
    if Set(labels).count != labels.count { return "labels must be distinct, not \(labels)" }
    if labels.count < 2 { return "labels must name at least 2 classes, not \(labels.count)" }
    if labels.count != model.classCount {
      return "the head scores \(model.classCount) classes, so labels must name \(model.classCount), not \(labels.count)"
    }
    return nil
  }

  private enum CodingKeys: String, CodingKey {
    case format, formatVersion, labels, model, text, training, epochsCompleted, importedFrom
    case id2label, label2id, architecture
    case padTokenID = "pad_token_id"
    case unknownTokenID = "unk_token_id"
  }

  /// Reads the stored fields (`labels`, `training` and `epochsCompleted` may be missing); the
  /// written-from fields are left to `writtenFieldsProblem(in:)`.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    model = try c.decode(ModelConfig.self, forKey: .model)
    text = try c.decode(TextConfig.self, forKey: .text)
    training = try c.decodeIfPresent(TrainingConfig.self, forKey: .training) ?? TrainingConfig()
    try c.update(&format, .format)
    try c.update(&formatVersion, .formatVersion)
    try c.update(&labels, .labels)
    try c.update(&epochsCompleted, .epochsCompleted)
    importedFrom = try c.decodeIfPresent(String.self, forKey: .importedFrom)
  }

  /// The stored fields and the fields written from them.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(format, forKey: .format)
    try c.encode(formatVersion, forKey: .formatVersion)
    try c.encode(labels, forKey: .labels)
    try c.encode(model, forKey: .model)
    try c.encode(text, forKey: .text)
    try c.encode(training, forKey: .training)
    try c.encode(epochsCompleted, forKey: .epochsCompleted)
    try c.encodeIfPresent(importedFrom, forKey: .importedFrom)
    try c.encode(id2label, forKey: .id2label)
    try c.encode(label2id, forKey: .label2id)
    try c.encode(Int(Vocabulary.padID), forKey: .padTokenID)
    try c.encode(Int(Vocabulary.unknownID), forKey: .unknownTokenID)
    try c.encode(architecture, forKey: .architecture)
  }

  /// The written-from fields as a file holds them, each nil when absent.
  private struct WrittenFields: Decodable {
    var id2label: [String: String]?
    var label2id: [String: Int]?
    var padTokenID: Int?
    var unknownTokenID: Int?
    var architecture: ArchitectureDescription?

    enum CodingKeys: String, CodingKey {
      case id2label, label2id, architecture
      case padTokenID = "pad_token_id"
      case unknownTokenID = "unk_token_id"
    }
  }

  /// What is wrong with the written-from fields of `data` (this configuration's config.json), as
  /// "architecture: encoder.hidden_size is 4, but model makes 32 (…)"; nil when each one present
  /// says what this configuration writes. Called once the stored fields are known to be good, so
  /// that a file edited in `model` alone is reported for what the weights say about it.
  public func writtenFieldsProblem(in data: Data) -> String? {
    guard let given = try? JSONDecoder().decode(WrittenFields.self, from: data) else {
      return "id2label, label2id, pad_token_id, unk_token_id or architecture has the wrong type"
    }
    let fixed = "the vocabulary's fixed ids"
    let checks: [(String, String?, String)] = [
      ("id2label", given.id2label.flatMap { Self.difference($0, id2label) }, "labels"),
      ("label2id", given.label2id.flatMap { Self.difference($0, label2id) }, "labels"),
      (
        "pad_token_id", given.padTokenID.flatMap { Self.difference($0, Int(Vocabulary.padID)) },
        fixed
      ),
      (
        "unk_token_id",
        given.unknownTokenID.flatMap { Self.difference($0, Int(Vocabulary.unknownID)) }, fixed
      ),
      ("architecture", given.architecture.flatMap { Self.difference($0, architecture) }, "model"),
    ]
    let found = checks.compactMap { field, difference, source in
      difference.map { (field, $0, source) }
    }
    guard let (field, difference, source) = found.first else { return nil }
    return "\(field): \(difference) (it is written from \(source): edit \(source) instead, or "
      + "delete \(field))"
  }

  // The first place where `given` and `expected` differ, as "encoder.hidden_size is 4, but
  // would be 64"; nil when they are the same.
  private static func difference<Value: Encodable>(_ given: Value, _ expected: Value) -> String? {
    let encoder = JSONEncoder()
    guard let a = try? JSONSerialization.jsonObject(with: encoder.encode([given])),
      let b = try? JSONSerialization.jsonObject(with: encoder.encode([expected]))
    else { return nil }
    func walk(_ a: Any?, _ b: Any?, _ path: String) -> String? {
      if let a = a as? [String: Any], let b = b as? [String: Any] {
        for key in Set(a.keys).union(b.keys).sorted() {
          let inner = path.isEmpty ? key : path + "." + key
          if let found = walk(a[key], b[key], inner) { return found }
        }
        return nil
      }
      let (was, now) = (a.map { "\($0)" } ?? "absent", b.map { "\($0)" } ?? "absent")
      guard was != now else { return nil }
      return (path.isEmpty ? "" : "\(path) ") + "is \(was), but would be \(now)"
    }
    return walk((a as? [Any])?.first, (b as? [Any])?.first, "")
  }
}
