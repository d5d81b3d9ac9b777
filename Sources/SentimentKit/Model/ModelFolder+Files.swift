import Foundation

/// The steps every kind of model folder shares: config.json written last and read first, with
/// its format checked before anything else.
extension ModelFolder {
  /// Creates the folder at `url` if needed, removes its config.json (so a save cut short leaves a
  /// folder that does not load rather than one that mixes two models), runs `writeParts` with the
  /// config.json bytes (for the weights' metadata), then writes config.json atomically.
  static func write<Config: Encodable>(
    _ config: Config, in url: URL, parts writeParts: (Data) throws -> Void
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let json: Data
    do {
      json = try encoder.encode(config) + Data("\n".utf8)
    } catch {
      throw ModelFolderError.inconsistentParts(reason: "config cannot be encoded: \(error)")
    }
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw ModelFolderError.cannotWrite(
        file: url.path, reason: "cannot create folder: \(error.localizedDescription)")
    }
    let configPath = url.appendingPathComponent(configFile).path
    guard unlink(configPath) == 0 || errno == ENOENT else {
      throw ModelFolderError.cannotWrite(
        file: configPath, reason: "cannot remove the old file: \(String(cString: strerror(errno)))")
    }
    do {
      try writeParts(json)
      try AtomicFile.write(json, to: URL(fileURLWithPath: configPath))
    } catch let error as SafetensorsError {
      throw ModelFolderError.weights(error)
    } catch let error as AtomicFileError {
      throw ModelFolderError.cannotWrite(file: error.file, reason: error.reason)
    }
  }

  /// config.json of the folder at `url` (at most `maxConfigSize` bytes) decoded as `Config`,
  /// after checking its format and version: a file of another format or version is reported as
  /// such, not as whichever of its fields this build does not recognise. A field `Config` has no
  /// place for is an error too.
  static func readConfig<Config: Codable>(in url: URL) throws -> Config {
    let file = url.appendingPathComponent(configFile).path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw ModelFolderError.folderMissing(path: url.path)
    }
    guard isDirectory.boolValue else { throw ModelFolderError.notAFolder(path: url.path) }
    let data: Data
    do {
      data = Data(try WholeFile.read(file, limit: maxConfigSize))
    } catch {
      if error.code == ENOENT { throw ModelFolderError.fileMissing(file: file) }
      throw ModelFolderError.unreadable(file: file, reason: error.reason)
    }
    let decoder = JSONDecoder()
    let config: Config
    do {
      let header = try decoder.decode(FormatHeader.self, from: data)
      guard header.format == format && header.formatVersion == formatVersion else {
        throw ModelFolderError.unsupportedFormat(
          file: file, format: header.format, version: header.formatVersion)
      }
      config = try decoder.decode(Config.self, from: data)
    } catch let error as DecodingError {
      var reason = describe(error)
      if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
        reason = unfitNumber(in: data) ?? reason
      }
      throw ModelFolderError.invalidConfig(file: file, reason: reason)
    }
    if let unknown = unknownFields(in: data, decodedAs: config).first {
      throw ModelFolderError.invalidConfig(
        file: file,
        reason: "unknown field \(unknown.printable) (misspelt, or written by another build?)")
    }
    return config
  }

  // The two fields read before the rest.
  private struct FormatHeader: Decodable {
    var format: String
    var formatVersion: Int
  }
}
