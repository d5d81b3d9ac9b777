import SentimentKit
import Foundation

/// One run of a peer benchmark as bench/peers/run_peers.sh records it in results.json.
public struct PeerResult: Codable {
  /// "pytorch" or "keras".
  public var framework: String
  /// The framework's version.
  public var version: String
  /// "bilstm", "lstm", "gru", "bigru" or "elman".
  public var model: String
  /// Training throughput, reviews × 200 tokens per second.
  public var trainTokensPerSecond: Double
  /// Inference throughput from raw text, reviews per second.
  public var inferReviewsPerSecond: Double
  /// The script's `--padding` value ("pre", "packed", "mask"); nil in results written before
  /// the setting was recorded.
  public var setting: String?
  /// The setting in words, as the script describes it.
  public var padding: String?

  public enum CodingKeys: String, CodingKey {
    case framework, version, model, setting, padding
    case trainTokensPerSecond = "train_tokens_per_s"
    case inferReviewsPerSecond = "infer_reviews_per_s"
  }

  /// The results in `path` and when the file was written, or nil when there is no such file.
  public static func load(_ path: String) throws -> (results: [PeerResult], written: Date)? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let written = attributes[.modificationDate] as? Date ?? .distantPast
    return (try JSONDecoder().decode([PeerResult].self, from: data), written)
  }
}
