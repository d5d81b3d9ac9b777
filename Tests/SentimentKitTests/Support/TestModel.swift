import Foundation
import SentimentKit

/// A small random classifier with the vocabulary of a few sentences, to save, load and classify
/// with: embedding 8, hidden 4, so every test builds one in a blink.
struct TestModel {
  /// Words the vocabulary knows; text made of them encodes without `<unk>`.
  static let sentences = [
    "A wonderful film, the best acting I have seen this year.",
    "The plot was dull and the acting was worse; a boring waste of time.",
    "I loved the music and the story, and the ending was great.",
    "Terrible script, bad jokes, and a film I will not watch again.",
  ]

  let model: any SentimentModel
  let vocabulary: Vocabulary
  let config: ModelFolderConfig

  /// A model of `cell`, one direction or two, reading `readout`, with weights drawn from `seed`.
  init(
    cell: ModelConfig.Cell = .lstm, bidirectional: Bool = false, hiddenSize: Int = 4,
    readout: Readout = .final, seed: UInt64 = 7
  ) {
    vocabulary = Vocabulary.build(from: TestModel.sentences, maxWords: 40)
    var modelConfig = ModelConfig()
    modelConfig.cell = cell
    modelConfig.bidirectional = bidirectional
    modelConfig.embeddingSize = 8
    modelConfig.hiddenSize = hiddenSize
    modelConfig.vocabularySize = vocabulary.count
    modelConfig.readout = readout
    var generator = SplitMix64(seed: seed)
    model = ModelFactory.make(modelConfig, using: &generator)
    var text = TextConfig()
    text.vocabularyWords = 40
    text.maxLength = 12
    text.unicodeVersion = Tokenizer.unicodeVersion
    config = ModelFolderConfig(model: modelConfig, text: text, training: TrainingConfig())
  }

  /// Saves the model as folder `name` inside `directory`; the folder.
  @discardableResult
  func save(in directory: URL, as name: String = "model") throws -> ModelFolder {
    let folder = ModelFolder(directory.appendingPathComponent(name))
    try folder.save(model: model, vocabulary: vocabulary, config: config)
    return folder
  }

  /// Token-id sequences of several lengths (1 to 9), unknown words included.
  var probeSequences: [[Int32]] {
    (TestModel.sentences + ["Great!", "an unheard-of word salad"]).map {
      Array(vocabulary.encode($0).prefix(9))
    }
  }
}
