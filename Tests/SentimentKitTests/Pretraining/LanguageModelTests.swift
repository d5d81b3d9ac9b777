import Foundation
import SentimentKit
import XCTest

/// The recurrent language model: every weight's gradient against finite differences in Double
/// (bidirectional LSTM, both directions predicting, and a one-direction GRU), a sequence of one
/// word predicting nothing; training on a made-up corpus with a grammar lowers held-out
/// perplexity far below the uniform one, repeats bit for bit, and its folder starts a classifier's
/// embedding and encoder (and refuses a classifier of another shape).
final class LanguageModelTests: XCTestCase {
  private let sequences: [[Int32]] = [[3, 1, 4, 2, 5], [2, 6, 5, 3, 7, 1, 2], [7, 4], [5]]
  private let (vocabulary, embed, hidden) = (9, 4, 3)

  func testBidirectionalLSTMGradientsMatchFiniteDifferences() {
    var generator = SplitMix64(seed: 41)
    let encoder = Bidirectional(
      forward: LSTMCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator),
      reverse: LSTMCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator))
    check(encoder, bidirectional: true, "lstm", using: &generator)
  }

  func testUnidirectionalGRUGradientsMatchFiniteDifferences() {
    var generator = SplitMix64(seed: 42)
    let encoder = Recurrent(cell: GRUCell<Double>(inputSize: embed, hiddenSize: hidden, using: &generator))
    check(encoder, bidirectional: false, "gru", using: &generator)
  }

  private func check<E: SequenceEncoder>(
    _ encoder: E, bidirectional: Bool, _ name: String, using generator: inout SplitMix64,
    file: StaticString = #filePath, line: UInt = #line
  ) where E.T == Double {
    let model = LanguageModel(
      embedding: Embedding<Double>(vocabularySize: vocabulary, embeddingSize: embed, using: &generator),
      encoder: encoder, head: Dense<Double>(inputSize: hidden, outputSize: vocabulary, using: &generator),
      bidirectional: bidirectional, encoderName: name)
    let candidates = CandidateSet(ids: [1, 2, 5, 8], logInclusion: [-0.7, 0, -1.5, -0.2])
    var grads = model.parameters.zerosLike()
    let (loss, predictions) = model.accumulateGradients(
      sequences: sequences, candidates: candidates, into: &grads)
    XCTAssertEqual(predictions, (bidirectional ? 2 : 1) * (4 + 6 + 1), "L − 1 a direction; [5] none", file: file, line: line)
    let lossOnly = { () -> Double in
      var scratch = model.parameters.zerosLike()
      return model.accumulateGradients(sequences: self.sequences, candidates: candidates, into: &scratch).loss
    }
    XCTAssertEqual(lossOnly(), loss, file: file, line: line)
    GradientCheck.check(
      GradientCheck.entries(model.parameters, grads), "\(name) language model", loss: lossOnly,
      file: file, line: line)
  }

  /// Reviews from a grammar: ids 2 … 5 then 6 … 9 alternate (a word of the first half is
  /// followed by one of the second, and so on), so the next and previous words are half-known.
  private func corpus(_ count: Int, seed: UInt64) -> [[Int32]] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      (0..<(5 + Int(generator.next() % 20))).map { t in
        Int32((t % 2 == 0 ? 2 : 6) + Int(generator.next() % 4))
      }
    }
  }

  private func pretrain(seed: UInt64) throws -> (AnyLanguageModel, LanguageModelTraining.Result) {
    var architecture = ModelConfig()
    architecture.vocabularySize = 10
    architecture.embeddingSize = 8
    architecture.hiddenSize = 8
    var generator = SplitMix64(seed: seed)
    let model = ModelFactory.makeLanguageModel(architecture, using: &generator)
    var config = LanguageModelConfig()
    config.candidates = 4
    config.epochs = 10
    config.learningRate = 3e-2
    config.batchSize = 16
    config.heldOutReviews = 30
    config.seed = seed
    let result = try Job(progressStyle: .silent).run(
      LanguageModelTraining(config: config, model: model), corpus(400, seed: 1))
    return (model, result)
  }

  func testTrainingLowersPerplexityAndRepeats() throws {
    let (model, result) = try pretrain(seed: 7)
    XCTAssertEqual(result.heldOutReviews, 30)
    XCTAssertEqual(result.trainingReviews, 370)
    let start = try XCTUnwrap(result.initialPerplexity)
    let end = try XCTUnwrap(result.epochs.last?.heldOutPerplexity)
    XCTAssertGreaterThan(start, 7, "an untrained model is about uniform over 9 words")
    XCTAssertLessThan(end, 4.6, "the grammar leaves 4 choices a step: perplexity \(end)")
    XCTAssertLessThan(result.epochs.last!.trainingLoss, result.epochs.first!.trainingLoss)
    let (again, _) = try pretrain(seed: 7)
    for (a, b) in zip(model.parameters.namedTensors, again.parameters.namedTensors) {
      XCTAssertEqual(a.value.scalars, b.value.scalars, "\(a.name): the same seed, the same bits")
    }
  }

  func testFolderStartsAClassifierOfTheSameShapeOnly() throws {
    let (model, result) = try pretrain(seed: 8)
    let directory = try TemporaryDirectory()
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>"] + (2..<10).map { "w\($0)" })
    var record = LanguageModelFolder.Config(
      model: model.config, text: TextConfig(), pretraining: LanguageModelConfig(), result: result)
    record.command = "test"
    try LanguageModelFolder.save(model, vocabulary: vocabulary, config: record, in: directory.url)
    guard case .languageModel(let folder) = try PretrainedStart(contentsOf: directory.url) else {
      return XCTFail("the folder reads back as a language model")
    }
    XCTAssertEqual(folder.config, record)
    for (a, b) in zip(folder.parameters.namedTensors, model.parameters.namedTensors) {
      XCTAssertEqual(a.name, b.name)
      XCTAssertEqual(a.value.scalars, b.value.scalars, a.name)
    }
    var generator = SplitMix64(seed: 3)
    let classifier = ModelFactory.make(model.config, using: &generator)
    try PretrainedStart.languageModel(folder).initialise(classifier.parameters, config: classifier.config)
    let pretrained = Dictionary(uniqueKeysWithValues: model.parameters.namedTensors.map { ($0.name, $0.value.scalars) })
    for tensor in classifier.parameters.namedTensors where !tensor.name.hasPrefix("head.") {
      XCTAssertEqual(tensor.value.scalars, pretrained[tensor.name], "\(tensor.name) copied")
    }
    var other = model.config
    other.hiddenSize = 6
    let wider = ModelFactory.make(other, using: &generator)
    XCTAssertThrowsError(try folder.initialise(wider.parameters, classifier: other)) { error in
      XCTAssertTrue("\(error)".contains("hidden size 8 in the language model, 6 in the classifier"), "\(error)")
    }
  }

  func testPiecesHoldEveryAdjacentPairOnce() {
    var config = LanguageModelConfig()
    config.chunkLength = 4
    let review: [Int32] = Array(10..<21)  // 11 tokens: pairs (10,11) … (19,20)
    let pieces = config.pieces(of: review)
    XCTAssertEqual(pieces, [[10, 11, 12, 13], [13, 14, 15, 16], [16, 17, 18, 19], [19, 20]])
    let pairs = pieces.flatMap { p in zip(p, p.dropFirst()).map { [$0, $1] } }
    XCTAssertEqual(pairs, zip(review, review.dropFirst()).map { [$0, $1] }, "each pair once, in order")
    XCTAssertEqual(config.pieces(of: [1, 2, 3, 4]), [[1, 2, 3, 4]], "a short review stays whole")
    config.chunkLength = nil
    XCTAssertEqual(config.pieces(of: review), [review])
  }

  func testStackedBidirectionalIsRefused() {
    var config = ModelConfig()
    config.layers = 2
    XCTAssertNotNil(LanguageModelConfig.problem(of: config))
    config.bidirectional = false
    XCTAssertNil(LanguageModelConfig.problem(of: config))
  }
}
