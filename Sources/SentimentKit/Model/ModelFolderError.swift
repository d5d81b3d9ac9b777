/// Why a model folder could not be saved or loaded. Every case names the folder or the file at
/// fault and says what is wrong with it.
public enum ModelFolderError: Error, CustomStringConvertible {
  /// Nothing exists at the folder's path.
  case folderMissing(path: String)
  /// The path exists but is not a folder.
  case notAFolder(path: String)
  /// One of the files of its kind is not in the folder.
  case fileMissing(file: String)
  /// A file exists but could not be read; `reason` is the system's.
  case unreadable(file: String, reason: String)
  /// `config.json` is not JSON, lacks a field, has a field of the wrong type, or describes a
  /// model that cannot be built.
  case invalidConfig(file: String, reason: String)
  /// `config.json` is of another format, or of a version this build does not know.
  case unsupportedFormat(file: String, format: String, version: Int)
  /// `vocab.txt` is not a valid vocabulary (the error names the line).
  case vocabulary(VocabularyError)
  /// `vocab.txt` has a different number of tokens than the model has embedding rows.
  case vocabularySize(file: String, tokens: Int, expected: Int)
  /// `model.safetensors` is damaged or holds other tensors than the model needs.
  case weights(SafetensorsError)
  /// `model.safetensors` holds `values` numbers where config.json's sizes make `expected`
  /// parameters: weights and configuration of different models.
  case parameterCount(file: String, values: Int, expected: Int)
  /// `model.safetensors` records, in its metadata, an architecture other than `config.json`'s;
  /// each difference reads "hiddenSize: 6 in the weights, 4 in config.json".
  case architectureMismatch(file: String, differences: [String])
  /// `save` was given a model, vocabulary and configuration that disagree.
  case inconsistentParts(reason: String)
  /// The folder or a file in it could not be written; `reason` names the step and the system's
  /// reason.
  case cannotWrite(file: String, reason: String)

  /// One line saying where and what.
  public var description: String {
    switch self {
    case .folderMissing(let path):
      return "\(path): no such model folder"
    case .notAFolder(let path):
      return "\(path): not a folder (a model is a folder holding model.safetensors, "
        + "config.json and vocab.txt)"
    case .fileMissing(let file):
      let parts = [
        "recurrent: model.safetensors, config.json, vocab.txt",
        "linear: model.safetensors, config.json, ngrams.txt", "ensemble: config.json",
      ]
      return "\(file): missing; a model folder holds (\(parts.joined(separator: "; ")))"
    case .unreadable(let file, let reason):
      return "\(file): cannot read: \(reason)"
    case .invalidConfig(let file, let reason):
      return "\(file): \(reason)"
    case .unsupportedFormat(let file, let format, let version):
      return "\(file): unsupported format \"\(format)\" version \(version) "
        + "(this build reads \"\(ModelFolder.format)\" version \(ModelFolder.formatVersion))"
    case .vocabulary(let error):
      return error.description
    case .vocabularySize(let file, let tokens, let expected):
      return "\(file): \(tokens) tokens, but the model's vocabularySize is \(expected)"
    case .weights(let error):
      return error.description
    case .parameterCount(let file, let values, let expected):
      return "\(file): holds \(values) values, but config.json describes a model of \(expected) "
        + "parameters: the weights belong to another model"
    case .architectureMismatch(let file, let differences):
      return "\(file): saved for another architecture than config.json's: "
        + differences.joined(separator: "; ")
    case .inconsistentParts(let reason):
      return "cannot save the model folder: \(reason)"
    case .cannotWrite(let file, let reason):
      return "\(file): \(reason)"
    }
  }
}
