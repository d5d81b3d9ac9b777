import Foundation

/// Token ids for a model's embedding: id 0 is padding (`<pad>`), id 1 stands for every token
/// outside the vocabulary (`<unk>`), and ids from 2 are words, most frequent first.
///
/// On disk it is `vocab.txt`: UTF-8, one token a line, the first line id 0, the next id 1, and
/// so on. Loading checks every line and names the first bad one.
public struct Vocabulary: Sendable {
  /// The id of padding.
  public static let padID: Int32 = 0
  /// The id of tokens not in the vocabulary.
  public static let unknownID: Int32 = 1
  /// The token of id 0.
  public static let padToken = "<pad>"
  /// The token of id 1.
  public static let unknownToken = "<unk>"

  /// Every token, indexed by id.
  public let tokens: [String]
  /// The tokenizer `encode(_:)` uses; the vocabulary's words came from it.
  public let tokenizer: Tokenizer
  private let table: TokenTable

  /// A vocabulary of `tokens` (id = position); throws `VocabularyError` when the first two are
  /// not `<pad>` and `<unk>`, or a token is empty, holds whitespace or repeats.
  public init(tokens: [String], tokenizer: Tokenizer = Tokenizer()) throws {
    try self.init(tokens: tokens, tokenizer: tokenizer, file: nil)
  }

  /// The largest `vocab.txt` read (64 MiB; 20,000 IMDB words take 160 KB).
  public static let maxFileSize = 64 << 20

  /// Loads `vocab.txt` from `path` (a regular file of at most `maxFileSize` bytes); `tokenizer`
  /// should be the one the vocabulary was built with.
  public init(contentsOf path: String, tokenizer: Tokenizer = Tokenizer()) throws {
    let data: [UInt8]
    do {
      data = try WholeFile.read(path, limit: Vocabulary.maxFileSize)
    } catch {
      throw VocabularyError(file: path, line: nil, reason: "cannot read: \(error.reason)")
    }
    var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }  // the final newline
    var tokens: [String] = []
    for (index, line) in lines.enumerated() {
      guard let token = String(validating: line, as: UTF8.self) else {
        throw VocabularyError(file: path, line: index + 1, reason: "not valid UTF-8")
      }
      tokens.append(token)
    }
    try self.init(tokens: tokens, tokenizer: tokenizer, file: path)
  }

  private init(tokens: [String], tokenizer: Tokenizer, file: String?) throws {
    var table = TokenTable(capacity: tokens.count)
    for (index, token) in tokens.enumerated() {
      func fail(_ reason: String) -> VocabularyError {
        VocabularyError(file: file, line: index + 1, reason: reason)
      }
      let reserved = [Vocabulary.padToken, Vocabulary.unknownToken]
      if index < reserved.count && token != reserved[index] {
        throw fail("expected \(reserved[index]) (id \(index)), found \"\(token.printable)\"")
      }
      if token.isEmpty { throw fail("empty token") }
      if token.unicodeScalars.contains(where: Vocabulary.isForbidden) {
        throw fail("token \"\(token.printable)\" contains whitespace or a control character")
      }
      var utf8 = token
      let id = utf8.withUTF8 { table.insert($0) }
      if id != index {
        throw fail("duplicate token \"\(token.printable)\" (first on line \(id + 1))")
      }
    }
    if tokens.count < 2 {
      let missing = tokens.isEmpty ? Vocabulary.padToken : Vocabulary.unknownToken
      throw VocabularyError(file: file, line: tokens.count + 1, reason: "missing \(missing)")
    }
    self.tokens = tokens
    self.tokenizer = tokenizer
    self.table = table
  }

  /// The `maxWords` most frequent tokens of `texts` (ties: the token whose UTF-8 bytes sort
  /// first), after `<pad>` and `<unk>`: at most `maxWords + 2` ids.
  public static func build<Texts: Sequence<String>>(
    from texts: Texts, maxWords: Int, tokenizer: Tokenizer = Tokenizer()
  ) -> Vocabulary {
    precondition(maxWords >= 0, "maxWords must not be negative")
    var counts = TokenCounts()
    for text in texts { counts.add(text, tokenizer: tokenizer) }
    let words = counts.mostFrequent(maxWords)
    do {
      return try Vocabulary(tokens: [padToken, unknownToken] + words, tokenizer: tokenizer)
    } catch {
      preconditionFailure("tokenizer output is always a valid vocabulary: \(error)")
    }
  }

  /// Number of ids, the two reserved ones included.
  public var count: Int { tokens.count }

  /// The id of `token`, or `unknownID`.
  public func id(of token: String) -> Int32 {
    var token = token
    return token.withUTF8(id(ofBytes:))
  }

  /// The ids of the tokens of `text`.
  public func encode(_ text: String) -> [Int32] {
    var ids: [Int32] = []
    ids.reserveCapacity(text.utf8.count / 4)
    tokenizer.forEachToken(in: text) { ids.append(id(ofBytes: $0)) }
    return ids
  }

  /// The ids of each of `texts`, encoded on all cores.
  public func encode(_ texts: [String]) -> [[Int32]] {
    var encoded = [[Int32]](repeating: [], count: texts.count)
    let parts = min(texts.count, 8 * ProcessInfo.processInfo.activeProcessorCount)
    encoded.withUnsafeMutableBufferPointer { output in
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        for index in (part * texts.count / parts)..<((part + 1) * texts.count / parts) {
          output[index] = encode(texts[index])
        }
      }
    }
    return encoded
  }

  /// Writes `vocab.txt` to `path`, replacing any file there at once (see `AtomicFile`); throws
  /// `AtomicFileError`.
  public func write(to path: String) throws {
    let text = tokens.joined(separator: "\n") + "\n"
    try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
  }

  private func id(ofBytes token: UnsafeBufferPointer<UInt8>) -> Int32 {
    table.index(of: token).map { Int32($0) } ?? Vocabulary.unknownID
  }

  private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
  }
}
