import Foundation
import SentimentKit

/// A small archive in the aclImdb layout whose reviews a model can learn: positive ones lean on
/// praise words, negative ones on complaints, both padded with shared filler words.
enum SyntheticIMDB {
  static let praise = ["great", "wonderful", "moving", "superb", "delightful", "brilliant"]
  static let complaints = ["awful", "boring", "dull", "clumsy", "tedious", "terrible"]
  static let filler = ["the", "film", "plot", "actor", "scene", "story", "camera", "music", "and", "it"]

  /// Writes `aclImdb_v1.tar.gz` with `perLabel` reviews for each label of train and test, and
  /// `unlabelled` reviews (half praise, half complaints) in train/unsup, into `folder`; returns
  /// its path.
  static func write(perLabel: Int, into folder: URL, seed: UInt64 = 7, unlabelled: Int = 0) throws -> String {
    var generator = SplitMix64(seed: seed)
    var builder = ArchiveBuilder()
    func review(_ cue: [String]) -> String {
      let length = Int.random(in: 8...40, using: &generator)
      return (0..<length).map { _ in
        Double.random(in: 0..<1, using: &generator) < 0.25
          ? cue.randomElement(using: &generator)! : filler.randomElement(using: &generator)!
      }.joined(separator: " ")
    }
    for split in ["train", "test"] {
      for (label, cue) in [("pos", praise), ("neg", complaints)] {
        for id in 0..<perLabel {
          let text = review(cue)
          let rating = label == "pos" ? Int.random(in: 7...10, using: &generator) : Int.random(in: 1...4, using: &generator)
          builder.file("aclImdb/\(split)/\(label)/\(id)_\(rating).txt", text)
        }
      }
    }
    for id in 0..<unlabelled {
      builder.file("aclImdb/train/unsup/\(id)_0.txt", review(id % 2 == 0 ? praise : complaints))
    }
    builder.end()
    let path = folder.appendingPathComponent("aclImdb_v1.tar.gz").path
    try Data(ArchiveBuilder.gzip(builder.tar)).write(to: URL(fileURLWithPath: path))
    return path
  }
}
