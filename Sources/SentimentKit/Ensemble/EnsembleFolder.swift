import Foundation

/// A saved ensemble: a folder holding only `config.json` (`EnsembleFolderConfig`, "kind":
/// "ensemble"); its members stay in their own model folders, which it names by relative path,
/// so the models are stored once and the folders move together.
public struct EnsembleFolder {
  /// Where the folder is.
  public let url: URL

  /// The ensemble folder at `url` (which need not exist yet).
  public init(_ url: URL) {
    self.url = url
  }

  /// Writes config.json naming the `members` folders (relative to this one), their weights and
  /// the decision threshold.
  public func save(members: [URL], weights: [Double], fit: EnsembleWeights.Point, threshold: Double)
    throws
  {
    let config = EnsembleFolderConfig(
      members: members.map { Self.relativePath(from: url, to: $0) }, weights: weights,
      validationLogLoss: fit.logLoss, validationAccuracy: fit.accuracy, threshold: threshold)
    if let problem = config.problem { throw ModelFolderError.inconsistentParts(reason: problem) }
    try ModelFolder.write(config, in: url) { _ in }
  }

  /// Reads config.json, then loads each member folder (of any kind but ensemble).
  public func load() throws -> EnsembleModel {
    let config: EnsembleFolderConfig = try ModelFolder.readConfig(in: url)
    let file = url.appendingPathComponent(ModelFolder.configFile).path
    if let problem = config.problem {
      throw ModelFolderError.invalidConfig(file: file, reason: problem)
    }
    let members = try config.members.map { path -> any ReviewClassifier in
      let member = path.hasPrefix("/") ? URL(fileURLWithPath: path) : url.appendingPathComponent(path)
      guard try ModelKind.kind(of: member) != .ensemble else {
        throw ModelFolderError.invalidConfig(file: file, reason: "member \(path) is itself an ensemble")
      }
      return try ModelKind.load(member)
    }
    return EnsembleModel(members: members, weights: config.weights, threshold: config.threshold)
  }

  /// The path of `target` relative to the folder `base`, as "../imdb-nbsvm".
  static func relativePath(from base: URL, to target: URL) -> String {
    let from = base.standardizedFileURL.pathComponents
    let to = target.standardizedFileURL.pathComponents
    var common = 0
    while common < min(from.count, to.count) && from[common] == to[common] { common += 1 }
    let parts = Array(repeating: "..", count: from.count - common) + to[common...]
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }
}
