import Foundation

/// The files every pretraining folder holds — its weights (safetensors), vocab.txt and
/// config.json — written each atomically with config.json last (a folder with a config.json is
/// complete), and config.json read back with its format checked. Errors name the folder.
enum PretrainedFolderFiles {
  /// Writes `tensors` to `weightsFile`, the vocabulary, then `config`, into `folder`.
  static func write<Config: Encodable>(
    _ tensors: [NamedTensor<Float>], to weightsFile: String, vocabulary: Vocabulary, config: Config,
    in folder: URL
  ) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Safetensors.write(tensors, to: folder.appendingPathComponent(weightsFile))
    try vocabulary.write(to: folder.appendingPathComponent("vocab.txt").path)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try AtomicFile.write(try encoder.encode(config), to: folder.appendingPathComponent("config.json"))
  }

  /// config.json of `folder` as `Config`, which must name `format` version 1 (`header` reads
  /// the two from it); `kind` says what the folder should be, for the errors.
  static func readConfig<Config: Decodable>(
    _: Config.Type, in folder: URL, kind: String, format: String,
    header: (Config) -> (format: String, version: Int)
  ) throws -> Config {
    let fail = { (reason: String) in PretrainingError.badFolder(folder: folder.path, reason: reason) }
    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("config.json").path) else {
      throw fail("no readable config.json: is this a folder `sentiment pretrain` wrote?")
    }
    let config: Config
    do {
      config = try JSONDecoder().decode(Config.self, from: data)
    } catch {
      throw fail("config.json is not a \(kind) configuration (\(error))")
    }
    let (found, version) = header(config)
    guard found == format, version == 1 else {
      throw fail("config.json has format \(found) version \(version), not \(format) version 1")
    }
    return config
  }
}
