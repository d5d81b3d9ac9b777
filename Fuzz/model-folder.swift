import Foundation
import SentimentKit

/// A small model's folder, saved once: its weights stay, config.json and vocab.txt come from
/// each input.
let modelFolder: ModelFolder = {
  var config = ModelConfig()
  (config.embeddingSize, config.hiddenSize, config.vocabularySize) = (4, 3, 5)
  var generator = SplitMix64(seed: 1)
  let model = ModelFactory.make(config, using: &generator)
  var text = TextConfig()
  text.vocabularyWords = 3
  let vocabulary = try! Vocabulary(tokens: ["<pad>", "<unk>", "good", "bad", "film"])
  let folder = ModelFolder(URL(fileURLWithPath: FuzzInput.folder + "/model"))
  let all = ModelFolderConfig(model: config, text: text, training: TrainingConfig())
  try! folder.save(model: model, vocabulary: vocabulary, config: all)
  // The folder as an input, for a seed: config.json, a NUL, vocab.txt.
  if let seeds = ProcessInfo.processInfo.environment["FUZZ_SEED_DIR"] {
    let parts = try! [ModelFolder.configFile, ModelFolder.vocabularyFile].map {
      try Data(contentsOf: folder.url.appendingPathComponent($0))
    }
    try! (parts[0] + Data([0]) + parts[1]).write(to: URL(fileURLWithPath: seeds + "/valid"))
  }
  return folder
}()

/// libFuzzer target: config.json and vocab.txt from the input (split at its first NUL), loaded
/// with the weights of a fixed small model. A ModelFolderError is a correct answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFolder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let folder = modelFolder  // saved first: the two files go into it
  let bytes = FuzzInput.bytes(data, size)
  let split = bytes.firstIndex(of: 0) ?? bytes.count
  let config = UnsafeRawBufferPointer(rebasing: bytes[..<split])
  let vocabulary = UnsafeRawBufferPointer(rebasing: bytes[min(split + 1, bytes.count)...])
  _ = FuzzInput.write(config, to: "model/" + ModelFolder.configFile)
  _ = FuzzInput.write(vocabulary, to: "model/" + ModelFolder.vocabularyFile)
  do {
    let loaded = try folder.load()
    _ = loaded.model.probabilities(of: [[2, 3, 4]])
  } catch let error as ModelFolderError {
    _ = error.description
  } catch {
    fatalError("not a ModelFolderError: \(error)")
  }
  return 0
}
