import Foundation
import SentimentKit
import XCTest

/// A linear model fitted on synthetic reviews, saved, and loaded back as any model folder is.
final class LinearModelFolderTests: XCTestCase {
  /// 120 reviews a label: pos ones lean on praise, neg ones on complaints.
  func trainingTexts(perLabel: Int = 120, seed: UInt64 = 5) -> LabelledTexts {
    var generator = SplitMix64(seed: seed)
    var data = LabelledTexts(texts: [], labels: [], sources: [])
    for (label, cue) in [(1, SyntheticIMDB.praise), (0, SyntheticIMDB.complaints)] {
      for index in 0..<perLabel {
        let words = (0..<Int.random(in: 6...20, using: &generator)).map { _ in
          Double.random(in: 0..<1, using: &generator) < 0.3
            ? cue.randomElement(using: &generator)! : SyntheticIMDB.filler.randomElement(using: &generator)!
        }
        data.texts.append(words.joined(separator: " "))
        data.labels.append(label)
        data.sources.append("review-\(label)-\(index)")
      }
    }
    return data
  }

  func fit(_ weighting: FeatureWeighting) throws -> LinearFit {
    var config = LinearConfig()
    config.weighting = weighting
    config.constants = LinearConfig.defaultConstants(for: weighting)
    return try Job(progressStyle: .silent).run(LinearTrainer(config: config), trainingTexts())
  }

  func testFitsSeparatesAndRoundTripsBitForBit() throws {
    for weighting in FeatureWeighting.allCases {
      let fit = try fit(weighting)
      let model = fit.model
      XCTAssertEqual(fit.candidates.map(\.c), LinearConfig.defaultConstants(for: weighting))
      XCTAssertEqual(fit.validationCount, 24, "10% of 240 held out")
      XCTAssertNotNil(model.config.chosenC)
      let probe = ["a wonderful superb film", "boring and awful", "the plot", "", "xyz"]
      let classes = model.classProbabilities(ofTexts: probe)
      XCTAssertTrue(classes.allSatisfy { $0 == nil || $0![0] == 1 - $0![1] }, "(1 − p(pos), p(pos))")
      let p = classes.map { $0?[1] }
      XCTAssertGreaterThan(try XCTUnwrap(p[0]), 0.5, "\(weighting)")
      XCTAssertLessThan(try XCTUnwrap(p[1]), 0.5, "\(weighting)")
      XCTAssertNil(p[3], "no words")
      let calibration = try XCTUnwrap(model.config.calibration, "fitted on validation")
      XCTAssertEqual(p[4], calibration.probability(decision: Double(model.bias)), "unknown words: the bias alone")

      let folder = try temporaryDirectory().appendingPathComponent("m")
      try LinearModelFolder(folder).save(model)
      XCTAssertEqual(try ModelKind.kind(of: folder), .linear)
      let loaded = try ModelKind.load(folder)
      XCTAssertEqual(loaded.kind, .linear)
      XCTAssertEqual(loaded.displayName, model.displayName)
      let q = loaded.classProbabilities(ofTexts: probe)
      XCTAssertEqual(
        q.map { $0?.map(\.bitPattern) }, classes.map { $0?.map(\.bitPattern) }, "the same bits after a save")
    }
  }

  /// The same data and seed give the same weights, bit for bit.
  func testDeterministic() throws {
    let (a, b) = (try fit(.nbsvm).model, try fit(.nbsvm).model)
    XCTAssertEqual(a.weights.map(\.bitPattern), b.weights.map(\.bitPattern))
    XCTAssertEqual(a.bias.bitPattern, b.bias.bitPattern)
  }

  func testDamagedFoldersNameTheFile() throws {
    let folder = try temporaryDirectory().appendingPathComponent("m")
    try LinearModelFolder(folder).save(try fit(.nbsvm).model)
    let config = folder.appendingPathComponent("config.json")
    let original = try String(contentsOf: config, encoding: .utf8)

    try original.replacingOccurrences(of: "\"linear\",", with: "\"forest\",")
      .write(to: config, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try ModelKind.load(folder)) { error in
      XCTAssertTrue("\(error)".contains("config.json: unknown model kind \"forest\""), "\(error)")
    }
    try original.replacingOccurrences(of: "\"features\" : ", with: "\"features\" : 1")
      .write(to: config, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try ModelKind.load(folder)) { error in
      XCTAssertTrue("\(error)".contains("ngrams.txt") && "\(error)".contains("tokens"), "\(error)")
    }
    try original.replacingOccurrences(of: "\"minCount\" : 2", with: "\"minCount\" : 0")
      .write(to: config, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try ModelKind.load(folder)) { error in
      XCTAssertTrue("\(error)".contains("config.json: linear: minimum count"), "\(error)")
    }
    try original.write(to: config, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: folder.appendingPathComponent("ngrams.txt"))
    XCTAssertThrowsError(try ModelKind.load(folder)) { error in
      XCTAssertTrue("\(error)".contains("ngrams.txt: missing"), "\(error)")
    }
  }
}
