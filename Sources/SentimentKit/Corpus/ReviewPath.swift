/// What an aclImdb path says about the review in it: `…/SPLIT/FOLDER/ID_RATING.txt`, with SPLIT
/// train or test and FOLDER pos, neg or unsup.
struct ReviewPath {
  var split: Review.Split
  var label: Review.Label?
  var id: Int
  var rating: Int

  /// Parses `path`; nil for a file outside the review folders (README, imdb.vocab,
  /// urls_pos.txt, ...). A file inside them whose name is not ID_RATING.txt is an error.
  init?(_ path: String) throws {
    let parts = path.split(separator: "/")
    guard parts.count >= 3, let split = Review.Split(rawValue: String(parts[parts.count - 3]))
    else { return nil }
    let folder = parts[parts.count - 2]
    guard folder == "pos" || folder == "neg" || folder == "unsup" else { return nil }
    let name = parts[parts.count - 1]
    guard name.hasSuffix(".txt") else { throw CorpusError.badFileName(path) }
    let numbers = name.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
    guard numbers.count == 2, numbers.allSatisfy(ReviewPath.isDigits),
      let id = Int(numbers[0]), let rating = Int(numbers[1])
    else { throw CorpusError.badFileName(path) }
    self.split = split
    label = Review.Label(rawValue: String(folder))
    self.id = id
    self.rating = rating
  }

  private static func isDigits(_ text: Substring) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }
}
