/// The aclImdb archive or folder (`IMDBCorpus`) as a labelled corpus with its own train and test
/// splits, labelled one of two ways:
///   sentiment   neg, pos (the folders)
///   ratings     the star rating in ID_RATING.txt in four bands: 1-2, 3-4, 7-8, 9-10
/// Reviews come in `IMDBCorpus`'s order (train then test; neg, pos; id), so the sentiment task
/// gives the reviews, in the order, that training has always read.
public struct IMDBSource: CorpusSource {
  /// How reviews are labelled.
  public enum Labelling: String, Sendable, CaseIterable {
    /// The folder: neg or pos.
    case sentiment
    /// The star rating, banded 1-2, 3-4, 7-8, 9-10 (IMDB has no 5 or 6).
    case ratings
  }

  /// The archive or folder.
  public let path: String
  /// Sentiment or rating bands.
  public let labelling: Labelling

  /// A reader of the archive or folder at `path`.
  public init(path: String, labelling: Labelling = .sentiment) {
    self.path = path
    self.labelling = labelling
  }

  /// "aclImdb archive" or "aclImdb folder", with the labelling when it is ratings.
  public var kindDescription: String {
    (path.hasSuffix(".gz") || path.hasSuffix(".tgz") ? "aclImdb archive" : "aclImdb folder")
      + (labelling == .ratings ? ", labelled by star rating (1-2, 3-4, 7-8, 9-10)" : "")
  }

  /// Reads the whole corpus (as a stage of `job`), checks every split has both labels, then
  /// gives each labelled review.
  public func forEach(in job: Job, _ body: (LabelledReview) throws -> Void) throws {
    let corpus = try job.run(IMDBCorpus(path: path))
    try corpus.summary.requireEveryLabel(of: path)
    for review in corpus.labelled() {
      guard let label = try label(of: review) else { continue }
      try body(LabelledReview(text: review.text, label: label, source: review.source, split: review.split))
    }
  }

  // The class of a labelled review: its folder, or its rating's band.
  private func label(of review: Review) throws -> String? {
    switch labelling {
    case .sentiment:
      return review.label?.rawValue
    case .ratings:
      switch review.rating {
      case 1...2: return "1-2"
      case 3...4: return "3-4"
      case 7...8: return "7-8"
      case 9...10: return "9-10"
      default:
        throw CorpusError.malformed(
          review.source, reason: "rating \(review.rating) is outside the bands 1-4 and 7-10")
      }
    }
  }
}
