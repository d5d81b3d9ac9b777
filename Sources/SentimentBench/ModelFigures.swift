import SentimentKit
/// What `sentiment bench` measured for one model (the JSON keys are the peers' names where they
/// have one).
public struct ModelFigures: Codable {
  /// "bilstm", "lstm", "gru", "bigru" or "elman".
  public var name: String
  /// Training throughput, reviews × 200 tokens per second (the peers' count).
  public var trainTokensPerSecond: Double
  /// Reviews in the timed training batches.
  public var trainReviews: Int
  /// Seconds the timed training batches took.
  public var trainSeconds: Double
  /// Seconds for the 25,000-review epoch: measured when the whole epoch was timed, else
  /// extrapolated from the timed share.
  public var secondsPerEpoch: Double
  /// The share of the epoch timed (1 for a full epoch).
  public var epochShare: Double
  /// Loss of the last timed batch (before its update).
  public var lastLoss: Double
  /// Inference throughput from raw test text to probabilities.
  public var inferReviewsPerSecond: Double
  /// Test reviews classified.
  public var inferReviews: Int
  /// Seconds the classification took.
  public var inferSeconds: Double
  /// Accuracy on those reviews after the timed training (a sanity check, not a result).
  public var inferAccuracy: Double
  /// Achieved GFLOP/s of the matrix-product arithmetic of training (see `FlopCount`).
  public var gflops: Double
  /// Achieved GFLOP/s of the forward arithmetic during inference (tokenizing included in the
  /// time).
  public var inferGflops: Double

  public enum CodingKeys: String, CodingKey {
    case name
    case trainTokensPerSecond = "train_tokens_per_s"
    case trainReviews = "train_reviews"
    case trainSeconds = "train_seconds"
    case secondsPerEpoch = "seconds_per_epoch"
    case epochShare = "epoch_share"
    case lastLoss = "last_loss"
    case inferReviewsPerSecond = "infer_reviews_per_s"
    case inferReviews = "infer_reviews"
    case inferSeconds = "infer_seconds"
    case inferAccuracy = "infer_accuracy"
    case gflops
    case inferGflops = "infer_gflops"
  }
}
