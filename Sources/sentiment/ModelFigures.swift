/// What `sentiment bench` measured for one model (the JSON keys are the peers' names where they
/// have one).
struct ModelFigures: Codable {
  /// "bilstm", "lstm", "gru", "bigru" or "elman".
  var name: String
  /// Training throughput, reviews × 200 tokens per second (the peers' count).
  var trainTokensPerSecond: Double
  /// Reviews in the timed training batches.
  var trainReviews: Int
  /// Seconds the timed training batches took.
  var trainSeconds: Double
  /// Seconds for the 25,000-review epoch: measured when the whole epoch was timed, else
  /// extrapolated from the timed share.
  var secondsPerEpoch: Double
  /// The share of the epoch timed (1 for a full epoch).
  var epochShare: Double
  /// Loss of the last timed batch (before its update).
  var lastLoss: Double
  /// Inference throughput from raw test text to probabilities.
  var inferReviewsPerSecond: Double
  /// Test reviews classified.
  var inferReviews: Int
  /// Seconds the classification took.
  var inferSeconds: Double
  /// Accuracy on those reviews after the timed training (a sanity check, not a result).
  var inferAccuracy: Double
  /// Achieved GFLOP/s of the matrix-product arithmetic of training (see `FlopCount`).
  var gflops: Double
  /// Achieved GFLOP/s of the forward arithmetic during inference (tokenizing included in the
  /// time).
  var inferGflops: Double

  enum CodingKeys: String, CodingKey {
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
