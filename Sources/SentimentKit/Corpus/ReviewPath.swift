/// What an aclImdb path says about the review in it: `…/SPLIT/FOLDER/ID_RATING.txt`, with SPLIT
/// train or test and FOLDER pos, neg or unsup. Parsed on UTF-8 bytes: 100,000 paths an archive.
struct ReviewPath {
  var split: Review.Split
  var label: Review.Label?
  var id: Int
  var rating: Int

  /// Parses `path`; nil for a file outside the review folders (README, imdb.vocab,
  /// urls_pos.txt, ...). A file inside them whose name is not ID_RATING.txt is an error.
  init?(_ path: String) throws {
    let parts = path.utf8.split(separator: UInt8(ascii: "/"))
    guard parts.count >= 3,
      let split = Review.Split.allCases.first(where: {
        parts[parts.count - 3].elementsEqual($0.rawValue.utf8)
      })
    else { return nil }
    let folder = parts[parts.count - 2]
    if folder.elementsEqual("unsup".utf8) {
      label = nil
    } else if let label = Review.Label.allCases.first(where: {
      folder.elementsEqual($0.rawValue.utf8)
    }) {
      self.label = label
    } else {
      return nil
    }
    let name = parts[parts.count - 1]
    let numbers = name.dropLast(4).split(
      separator: UInt8(ascii: "_"), maxSplits: 1, omittingEmptySubsequences: false)
    guard name.suffix(4).elementsEqual(".txt".utf8), numbers.count == 2,
      let id = ReviewPath.number(numbers[0]), let rating = ReviewPath.number(numbers[1])
    else { throw CorpusError.badFileName(path) }
    self.split = split
    self.id = id
    self.rating = rating
  }

  // A run of 1 to 18 ASCII digits as a number (18 digits cannot overflow).
  private static func number(_ digits: Substring.UTF8View) -> Int? {
    guard (1...18).contains(digits.count) else { return nil }
    var value = 0
    for byte in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}
