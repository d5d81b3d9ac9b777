/// SentimentKit: the sentiment-classification pipeline, one folder per stage family.
public enum SentimentKit {
  /// The library's version, written into model folders and reports.
  public static let version = "0.1.0"
}
