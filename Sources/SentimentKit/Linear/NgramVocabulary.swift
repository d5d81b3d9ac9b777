import Foundation

/// The n-grams a linear model has a weight for: every run of 1 … `maxOrder` consecutive words
/// (tokens of the same `Tokenizer` the recurrent models use) found in at least `minCount`
/// training reviews, one feature column each.
///
/// A word is its id in `words`, a `Vocabulary` of every word of the kept n-grams (ids from 2); an
/// n-gram is its words' ids packed 21 bits apiece into one key, k = id₁ + id₂·2²¹ + id₃·2⁴²
/// (absent words 0, the id of `<pad>`, which no review contains), so unigram, bigram and trigram
/// keys never collide. An n-gram holding an unknown word has no key and no feature. Columns
/// follow the keys in ascending order when built, so they never depend on the order reviews came in.
///
/// On disk it is `ngrams.txt`: UTF-8, one n-gram a line as its words separated by single spaces,
/// line k + 1 for column k.
public struct NgramVocabulary: Sendable {
  /// The most words in an n-gram (3 at most: three ids fill a key).
  public let maxOrder: Int
  /// The words of the n-grams.
  public let words: Vocabulary
  /// The key of each column.
  public let keys: [UInt64]
  private let columns: [UInt64: Int32]

  /// Bits of one word id in a key.
  static let idBits = 21

  /// Number of features.
  public var count: Int { keys.count }

  private init(maxOrder: Int, words: Vocabulary, keys: [UInt64]) {
    self.maxOrder = maxOrder
    self.words = words
    self.keys = keys
    var columns = [UInt64: Int32](minimumCapacity: keys.count)
    for (column, key) in keys.enumerated() { columns[key] = Int32(column) }
    self.columns = columns
  }

  /// The n-grams of 1 … `maxOrder` words found in at least `minCount` of `texts` (the training
  /// reviews), split into words by `tokenizer`. Throws when the texts have more distinct words
  /// than a key can hold.
  public static func build(
    texts: [String], tokenizer: Tokenizer, maxOrder: Int, minCount: Int
  ) throws -> NgramVocabulary {
    precondition((1...3).contains(maxOrder), "n-grams of 1 to 3 words")
    let words = Vocabulary.build(from: texts, maxWords: Int.max - 2, tokenizer: tokenizer)
    guard words.count < 1 << idBits else {
      throw LinearModelError.tooManyWords(words.count, limit: 1 << idBits)
    }
    let documents = Parallel.mapElements(words.encode(texts)) { keyCounts(of: $0, maxOrder: maxOrder) }
    // Document frequency: every review's distinct keys in one array, sorted (two halves at
    // once, then merged), and the runs of equal keys counted.
    let halves = Parallel.map(2) { half -> [UInt64] in
      let part = documents[documents.count * half / 2..<documents.count * (half + 1) / 2]
      return part.flatMap { $0.map(\.key) }.sorted()
    }
    let all = merged(halves[0], halves[1])
    var kept: [UInt64] = []
    var start = 0
    while start < all.count {
      var end = start + 1
      while end < all.count && all[end] == all[start] { end += 1 }
      if end - start >= minCount { kept.append(all[start]) }
      start = end
    }
    // Keep only the words the kept n-grams use, renumbered in order of first use.
    var used = [Int32](repeating: 0, count: words.count)  // new id, 0 while unused
    var tokens = [Vocabulary.padToken, Vocabulary.unknownToken]
    let renumbered = kept.map { key -> UInt64 in
      var ids = unpacked(key)
      for (position, id) in ids.enumerated() {
        if used[Int(id)] == 0 {
          used[Int(id)] = Int32(tokens.count)
          tokens.append(words.tokens[Int(id)])
        }
        ids[position] = used[Int(id)]
      }
      return packed(ids)
    }
    let vocabulary: Vocabulary
    do {
      vocabulary = try Vocabulary(tokens: tokens, tokenizer: words.tokenizer)
    } catch {
      preconditionFailure("a subset of a vocabulary is a vocabulary: \(error)")
    }
    return NgramVocabulary(maxOrder: maxOrder, words: vocabulary, keys: renumbered)
  }

  /// The distinct n-grams of 1 … `maxOrder` words of `ids` (word ids; `<unk>` breaks an
  /// n-gram) with how often each occurs, ascending by key.
  public static func keyCounts(of ids: [Int32], maxOrder: Int) -> [(key: UInt64, count: Int32)] {
    var keys: [UInt64] = []
    keys.reserveCapacity(ids.count * maxOrder)
    for start in ids.indices {
      var key: UInt64 = 0
      for order in 0..<min(maxOrder, ids.count - start) {
        let id = ids[start + order]
        guard id > Vocabulary.unknownID else { break }
        key |= UInt64(id) << UInt64(idBits * order)
        keys.append(key)
      }
    }
    keys.sort()
    var result: [(key: UInt64, count: Int32)] = []
    result.reserveCapacity(keys.count)
    for key in keys {
      if let last = result.last, last.key == key {
        result[result.count - 1].count += 1
      } else {
        result.append((key, 1))
      }
    }
    return result
  }

  /// The (column, count) pairs of `text`'s n-grams that have a column, columns ascending; nil
  /// when the text has no tokens at all (an empty row when it has tokens but no known n-gram).
  public func counts(of text: String) -> [(Int32, Float)]? {
    let ids = words.encode(text)
    return ids.isEmpty ? nil : row(of: Self.keyCounts(of: ids, maxOrder: maxOrder))
  }

  /// The (column, count) pairs of the keys that have a column, columns ascending.
  public func row(of keyCounts: [(key: UInt64, count: Int32)]) -> [(Int32, Float)] {
    var row = keyCounts.compactMap { pair in columns[pair.key].map { ($0, Float(pair.count)) } }
    row.sort { $0.0 < $1.0 }
    return row
  }

  /// Column `column`'s n-gram as text, words separated by spaces.
  public func text(ofColumn column: Int) -> String {
    Self.unpacked(keys[column]).map { words.tokens[Int($0)] }.joined(separator: " ")
  }

  /// Writes `ngrams.txt` to `path` atomically; throws `AtomicFileError`.
  public func write(to path: String) throws {
    var lines = ""
    lines.reserveCapacity(16 * count)
    for column in 0..<count {
      lines += text(ofColumn: column)
      lines += "\n"
    }
    try AtomicFile.write(Data(lines.utf8), to: URL(fileURLWithPath: path))
  }

  /// Reads `ngrams.txt` from `path`: n-grams of 1 … `maxOrder` words split by `tokenizer`'s
  /// rules. Throws a `VocabularyError` naming the first bad line.
  public init(contentsOf path: String, maxOrder: Int, tokenizer: Tokenizer) throws {
    precondition((1...3).contains(maxOrder), "n-grams of 1 to 3 words")
    guard let data = FileManager.default.contents(atPath: path) else {
      throw VocabularyError(file: path, line: nil, reason: "cannot read file")
    }
    var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    var tokens = [Vocabulary.padToken, Vocabulary.unknownToken]
    var ids: [String: Int32] = [:]
    var keys: [UInt64] = []
    var seen: [UInt64: Int] = [:]
    keys.reserveCapacity(lines.count)
    for (index, line) in lines.enumerated() {
      func fail(_ reason: String) -> VocabularyError {
        VocabularyError(file: path, line: index + 1, reason: reason)
      }
      guard let text = String(validating: line, as: UTF8.self) else { throw fail("not valid UTF-8") }
      let parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      guard (1...maxOrder).contains(parts.count), !parts.contains(where: \.isEmpty) else {
        throw fail("expected 1 to \(maxOrder) words separated by single spaces, found \"\(text)\"")
      }
      let wordIDs = parts.map { word -> Int32 in
        if let id = ids[word] { return id }
        let id = Int32(tokens.count)
        ids[word] = id
        tokens.append(word)
        return id
      }
      guard tokens.count < 1 << Self.idBits else {
        throw fail("more than \((1 << Self.idBits) - 1) distinct words")
      }
      let key = Self.packed(wordIDs)
      if let first = seen.updateValue(index + 1, forKey: key) {
        throw fail("duplicate n-gram \"\(text)\" (first on line \(first))")
      }
      keys.append(key)
    }
    let words = try Vocabulary(tokens: tokens, tokenizer: tokenizer)
    self.init(maxOrder: maxOrder, words: words, keys: keys)
  }

  static func packed(_ ids: [Int32]) -> UInt64 {
    ids.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(idBits * $1.offset) }
  }

  static func unpacked(_ key: UInt64) -> [Int32] {
    let mask: UInt64 = (1 << UInt64(idBits)) - 1
    return (0..<3).map { Int32((key >> UInt64(idBits * $0)) & mask) }.filter { $0 != 0 }
  }

  // The two ascending arrays as one.
  private static func merged(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var result: [UInt64] = []
    result.reserveCapacity(a.count + b.count)
    var (i, j) = (0, 0)
    while i < a.count && j < b.count {
      if a[i] <= b[j] {
        result.append(a[i])
        i += 1
      } else {
        result.append(b[j])
        j += 1
      }
    }
    result += a[i...]
    result += b[j...]
    return result
  }
}
