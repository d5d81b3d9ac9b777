import Foundation

/// A saved model: a folder holding
///   model.safetensors  every weight under its `parameters` name, F32; the safetensors metadata
///                      holds "format": "pt" and "config": the whole config.json text
///   config.json        `ModelFolderConfig`, pretty-printed with sorted keys
///   vocab.txt          the vocabulary, one token a line (see `Vocabulary`)
///   tokenizer.json     the same vocabulary and text settings for Hugging Face `tokenizers`
///                      (`TokenizerJSON`); written for other readers, never read here
/// Each file is written atomically, config.json last, so a folder with a config.json is complete.
/// Other files in the folder (a trainer's state, notes) are left alone and ignored.
public struct ModelFolder {
  /// The weights' file name.
  public static let weightsFile = "model.safetensors"
  /// The configuration's file name.
  public static let configFile = "config.json"
  /// The vocabulary's file name.
  public static let vocabularyFile = "vocab.txt"
  /// The largest config.json read (1 MiB; ours take about 1 KB).
  public static let maxConfigSize = 1 << 20
  /// The config.json `format` this build writes and reads.
  public static var format: String { current.format }
  /// The config.json `formatVersion` this build writes and reads.
  public static var formatVersion: Int { current.formatVersion }

  // A configuration as this build makes one: its format fields are the current ones.
  private static let current = ModelFolderConfig(
    model: ModelConfig(), text: TextConfig(), training: TrainingConfig())

  /// Where the folder is.
  public let url: URL

  /// The model folder at `url` (which need not exist yet).
  public init(_ url: URL) {
    self.url = url
  }

  /// Writes the four files, creating the folder if needed: weights and vocabulary first, the
  /// configuration last. Saving over a model first removes its config.json, so a save cut short
  /// leaves a folder that does not load rather than one that mixes two models. `config.model`
  /// must be the model's own configuration and `vocabulary` must have as many ids as it has
  /// embedding rows.
  public func save(model: any SentimentModel, vocabulary: Vocabulary, config: ModelFolderConfig)
    throws
  {
    try check(model: model, vocabulary: vocabulary, config: config)
    try Self.write(config, in: url) { json in
      try Safetensors.write(
        model.parameters,
        metadata: ["format": "pt", "config": String(decoding: json, as: UTF8.self)],
        to: url.appendingPathComponent(Self.weightsFile))
      try vocabulary.write(to: path(Self.vocabularyFile))
      try TokenizerJSON(vocabulary: vocabulary, text: config.text).write(to: path(TokenizerJSON.fileName))
    }
  }

  /// Reads the configuration, then the vocabulary, then the weights, checking each against the
  /// configuration; throws a `ModelFolderError` naming the first file at fault.
  public func load() throws -> LoadedModel {
    let config = try loadConfig()
    let vocabulary = try loadVocabulary(config)
    let model = try loadWeights(config)
    try checkWrittenFields(config)
    return LoadedModel(model: model, vocabulary: vocabulary, config: config)
  }

  // Last, once the stored fields agree with the vocabulary and the weights: config.json's
  // fields written from them (id2label, architecture, …) must say the same.
  private func checkWrittenFields(_ config: ModelFolderConfig) throws {
    let file = path(Self.configFile)
    let data: Data
    do {
      data = Data(try WholeFile.read(file, limit: Self.maxConfigSize))
    } catch {
      throw ModelFolderError.unreadable(file: file, reason: error.reason)
    }
    if let problem = config.writtenFieldsProblem(in: data) {
      throw ModelFolderError.invalidConfig(file: file, reason: problem)
    }
  }

  private func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  private func check(model: any SentimentModel, vocabulary: Vocabulary, config: ModelFolderConfig)
    throws
  {
    func fail(_ reason: String) -> ModelFolderError { .inconsistentParts(reason: reason) }
    if config.format != Self.format || config.formatVersion != Self.formatVersion {
      throw fail(
        "config has format \"\(config.format)\" version \(config.formatVersion), not the "
          + "current \"\(Self.format)\" version \(Self.formatVersion)")
    }
    if config.model != model.config {
      throw fail("config.model is not the model's own configuration")
    }
    if let problem = config.model.problem ?? config.text.problem ?? config.labelProblem {
      throw fail("config: \(problem)")
    }
    if vocabulary.count != config.model.vocabularySize {
      throw fail(
        "the vocabulary has \(vocabulary.count) ids but the model \(config.model.vocabularySize)")
    }
    if vocabulary.tokenizer != config.text.tokenizer {
      throw fail("the vocabulary's tokenizer is not the one config.text describes")
    }
  }

  private func loadConfig() throws -> ModelFolderConfig {
    let config: ModelFolderConfig = try Self.readConfig(in: url)
    let file = path(Self.configFile)
    let problems = [
      config.model.problem.map { "model: \($0)" }, config.text.problem.map { "text: \($0)" },
      config.training.problem.map { "training: \($0)" }, config.labelProblem,
      config.model.vocabularySize > config.text.vocabularyWords + 2
        ? "model.vocabularySize \(config.model.vocabularySize) is more than "
          + "text.vocabularyWords + 2 (\(config.text.vocabularyWords + 2))" : nil,
      config.epochsCompleted < 0 ? "epochsCompleted must not be negative" : nil,
      config.labels.count != config.model.classCount
        ? "labels has \(config.labels.count) classes but model.classCount is \(config.model.classCount)" : nil,
      Set(config.labels).count != config.labels.count || config.labels.contains("")
        ? "labels must be distinct and not empty" : nil,
    ]
    if let problem = problems.compactMap({ $0 }).first {
      throw ModelFolderError.invalidConfig(file: file, reason: problem)
    }
    return config
  }

  /// The first number in `data` that no field can hold, as "field model.hiddenSize: 4.5 is
  /// not a whole number within range", found by putting a 0 in its place and decoding again
  /// (Foundation reports such a number as invalid JSON, naming no field); nil when there is none.
  static func unfitNumber(in data: Data) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: data) else { return nil }
    func candidates(_ value: Any, _ path: [String]) -> [[String]] {
      if let object = value as? [String: Any] {
        return object.keys.sorted().flatMap { candidates(object[$0]!, path + [$0]) }
      }
      guard let number = value as? NSNumber, !(number is Bool) else { return [] }
      let double = number.doubleValue
      return double.rounded() == double && abs(double) < 9e18 ? [] : [path]
    }
    func replacing(_ value: Any, _ path: ArraySlice<String>) -> Any {
      guard let key = path.first, var object = value as? [String: Any] else { return 0 }
      object[key] = replacing(object[key]!, path.dropFirst())
      return object
    }
    for path in candidates(object, []) {
      guard let edited = try? JSONSerialization.data(withJSONObject: replacing(object, path[...]))
      else { continue }
      do {
        _ = try JSONDecoder().decode(ModelFolderConfig.self, from: edited)
      } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
        continue  // still unfit: not this number
      } catch {}
      let value = path.reduce(object as Any?) { ($0 as? [String: Any])?[$1] }
      return "field \(path.joined(separator: ".")): \(value.map { "\($0)" } ?? "?") is not a whole number within range"
    }
    return nil
  }

  /// The fields of the JSON object in `data` that `config` has no place for, as "model.hiden":
  /// the config re-encoded holds every field this build reads, so a key missing from it is one
  /// it would have ignored (a null stands for an absent optional).
  static func unknownFields<Config: Encodable>(in data: Data, decodedAs config: Config) -> [String]
  {
    guard let given = try? JSONSerialization.jsonObject(with: data),
      let known = try? JSONSerialization.jsonObject(with: JSONEncoder().encode(config))
    else { return [] }
    func unknown(_ given: Any, _ known: Any, _ path: String) -> [String] {
      guard let given = given as? [String: Any], let known = known as? [String: Any] else {
        return []
      }
      return given.keys.sorted().flatMap { key -> [String] in
        let field = path.isEmpty ? key : path + "." + key
        guard let knownValue = known[key] else { return given[key] is NSNull ? [] : [field] }
        return unknown(given[key]!, knownValue, field)
      }
    }
    return unknown(given, known, "")
  }

  private func loadVocabulary(_ config: ModelFolderConfig) throws -> Vocabulary {
    let file = path(Self.vocabularyFile)
    guard FileManager.default.fileExists(atPath: file) else {
      throw ModelFolderError.fileMissing(file: file)
    }
    let vocabulary: Vocabulary
    do {
      vocabulary = try Vocabulary(contentsOf: file, tokenizer: config.text.tokenizer)
    } catch let error as VocabularyError {
      throw ModelFolderError.vocabulary(error)
    }
    guard vocabulary.count == config.model.vocabularySize else {
      throw ModelFolderError.vocabularySize(
        file: file, tokens: vocabulary.count, expected: config.model.vocabularySize)
    }
    return vocabulary
  }

  private func loadWeights(_ config: ModelFolderConfig) throws -> any SentimentModel {
    let file = path(Self.weightsFile)
    guard FileManager.default.fileExists(atPath: file) else {
      throw ModelFolderError.fileMissing(file: file)
    }
    do {
      let weights = try Safetensors(contentsOf: URL(fileURLWithPath: file))
      if let saved = weights.metadata["config"] {
        try Self.checkArchitecture(saved, against: config.model, file: file)
      }
      // Before anything is allocated: the sizes config.json gives must account for exactly the
      // values the file holds, so no config can build a model larger than its weights.
      let values = weights.entries.reduce(0) { $0 + $1.elementCount }
      guard values == config.model.parameterCount else {
        throw ModelFolderError.parameterCount(
          file: file, values: values, expected: config.model.parameterCount ?? 0)
      }
      var generator = SplitMix64(seed: 0)  // any seed: every weight is overwritten
      let model = ModelFactory.make(config.model, using: &generator)
      try weights.load(into: model.parameters)
      return model
    } catch let error as SafetensorsError {
      throw ModelFolderError.weights(error)
    }
  }

  /// Compares the model configuration the weights were saved with (the config.json text kept in
  /// their metadata) with config.json's: weights of the same shapes can still belong to another
  /// cell variant, activation or readout.
  private static func checkArchitecture(_ saved: String, against model: ModelConfig, file: String)
    throws
  {
    let savedModel: ModelConfig
    do {
      savedModel = try JSONDecoder().decode(ModelFolderConfig.self, from: Data(saved.utf8)).model
    } catch let error as DecodingError {
      throw SafetensorsError.header(
        file: file, reason: "__metadata__ config is not a model configuration: \(describe(error))")
    }
    guard savedModel != model else { return }
    let differences = zip(
      Mirror(reflecting: savedModel).children, Mirror(reflecting: model).children
    )
    .compactMap { saved, current -> String? in
      let (was, now) = ("\(saved.value)", "\(current.value)")
      guard was != now else { return nil }
      return "\(saved.label ?? "?"): \(was) in the weights, \(now) in config.json"
    }
    throw ModelFolderError.architectureMismatch(file: file, differences: differences)
  }

  /// What a decoding error means, naming the field by its path, as "missing field model.cell".
  static func describe(_ error: DecodingError) -> String {
    func field(_ path: [CodingKey]) -> String {
      var text = ""
      for key in path {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing field \(field(context.codingPath + [key]))"
    case .valueNotFound(_, let context):
      return "field \(field(context.codingPath)) is null"
    case .typeMismatch(let type, let context):
      let expected =
        type is [String: Any].Type ? "an object" : type is [Any].Type ? "an array" : "\(type)"
      if context.codingPath.isEmpty { return "not a JSON object" }
      return "field \(field(context.codingPath)) has the wrong type (expected \(expected))"
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        if context.underlyingError == nil {  // valid JSON; a value that fits no field's type
          return "a value does not fit its field (\(context.debugDescription))"
        }
        let detail = context.underlyingError.map { "\($0.localizedDescription)" }
        return "not valid JSON" + (detail.map { " (\($0))" } ?? "")
      }
      return "field \(field(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}
