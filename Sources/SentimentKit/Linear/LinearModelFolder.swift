import Foundation

/// A saved linear model: a folder holding
///   model.safetensors  "weight" w [F], "bias" b [1], "scale" s [F] (F32); metadata "format": "pt"
///                      and "config": the config.json text
///   config.json        `LinearFolderConfig` ("kind": "linear"), pretty-printed, sorted keys
///   ngrams.txt         the n-grams, line k + 1 for column k (see `NgramVocabulary`)
/// Written as `ModelFolder` writes a recurrent one: config.json removed first and written last,
/// each file atomically, so a folder with a config.json is complete.
public struct LinearModelFolder {
  /// The n-grams' file name.
  public static let ngramsFile = "ngrams.txt"

  /// Where the folder is.
  public let url: URL

  /// The linear model folder at `url` (which need not exist yet).
  public init(_ url: URL) {
    self.url = url
  }

  /// Writes the three files, creating the folder if needed.
  public func save(_ model: LinearModel) throws {
    let config = LinearFolderConfig(linear: model.config, features: model.vocabulary.count)
    try ModelFolder.write(config, in: url) { json in
      try Safetensors.write(
        model.tensors, metadata: ["format": "pt", "config": String(decoding: json, as: UTF8.self)],
        to: url.appendingPathComponent(ModelFolder.weightsFile))
      try model.vocabulary.write(to: path(Self.ngramsFile))
    }
  }

  /// Reads config.json, then ngrams.txt, then the weights, checking each against config.json.
  public func load() throws -> LinearModel {
    let configFile = path(ModelFolder.configFile)
    let config: LinearFolderConfig = try ModelFolder.readConfig(in: url)
    if let problem = config.linear.problem {
      throw ModelFolderError.invalidConfig(file: configFile, reason: "linear: \(problem)")
    }
    let ngramsFile = path(Self.ngramsFile)
    guard FileManager.default.fileExists(atPath: ngramsFile) else {
      throw ModelFolderError.fileMissing(file: ngramsFile)
    }
    let vocabulary: NgramVocabulary
    do {
      vocabulary = try NgramVocabulary(
        contentsOf: ngramsFile, maxOrder: config.linear.maxOrder, tokenizer: config.linear.tokenizer)
    } catch let error as VocabularyError {
      throw ModelFolderError.vocabulary(error)
    }
    guard vocabulary.count == config.features else {
      throw ModelFolderError.vocabularySize(
        file: ngramsFile, tokens: vocabulary.count, expected: config.features)
    }
    let weightsFile = path(ModelFolder.weightsFile)
    guard FileManager.default.fileExists(atPath: weightsFile) else {
      throw ModelFolderError.fileMissing(file: weightsFile)
    }
    let f = config.features
    let tensors = [
      NamedTensor("weight", vector: Matrix<Float>(rows: 1, cols: f)),
      NamedTensor("bias", vector: Matrix<Float>(rows: 1, cols: 1)),
      NamedTensor("scale", vector: Matrix<Float>(rows: 1, cols: f)),
    ]
    do {
      try Safetensors(contentsOf: URL(fileURLWithPath: weightsFile)).load(into: tensors)
    } catch let error as SafetensorsError {
      throw ModelFolderError.weights(error)
    }
    return LinearModel(
      config: config.linear, vocabulary: vocabulary, scale: tensors[2].value.scalars,
      weights: tensors[0].value.scalars, bias: tensors[1].value[0, 0])
  }

  private func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
