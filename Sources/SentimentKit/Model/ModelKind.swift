import Foundation

/// The kinds of model a model folder can hold, named by config.json's "kind" field (a folder
/// without one holds a recurrent model, as every folder did before the field existed). A new
/// kind is a case here, a folder type that saves and loads it, and a `ReviewClassifier`
/// conformance.
public enum ModelKind: String, Codable, CaseIterable, Sendable {
  /// Embedding, recurrent encoder, softmax head (`ModelFolder`, `LoadedModel`).
  case recurrent
  /// Bag of n-grams and a liblinear fit (`LinearModelFolder`, `LinearModel`).
  case linear
  /// A weighted mean of other models' log-probabilities (`EnsembleFolder`, `EnsembleModel`).
  case ensemble

  /// The model in the folder at `url`, of the kind its config.json names; throws a
  /// `ModelFolderError` (or the kind's own error) naming the file at fault.
  public static func load(_ url: URL) throws -> any ReviewClassifier {
    switch try kind(of: url) {
    case .recurrent: return try ModelFolder(url).load()
    case .linear: return try LinearModelFolder(url).load()
    case .ensemble: return try EnsembleFolder(url).load()
    }
  }

  /// The kind config.json names. A folder whose config.json is missing or not JSON is taken as
  /// recurrent, so `ModelFolder.load` reports exactly what is wrong with it.
  public static func kind(of url: URL) throws -> ModelKind {
    let file = url.appendingPathComponent(ModelFolder.configFile).path
    guard let data = FileManager.default.contents(atPath: file),
      let header = try? JSONDecoder().decode(Header.self, from: data)
    else { return .recurrent }
    guard let name = header.kind else { return .recurrent }
    guard let kind = ModelKind(rawValue: name) else {
      throw ModelFolderError.invalidConfig(
        file: file,
        reason: "unknown model kind \"\(name)\" (this build reads "
          + allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    return kind
  }

  private struct Header: Decodable {
    var kind: String?
  }
}
