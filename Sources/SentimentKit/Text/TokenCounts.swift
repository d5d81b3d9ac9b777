/// How often each token occurs across texts: the tally a vocabulary is cut from.
struct TokenCounts {
  private var table = TokenTable(capacity: 1 << 16)
  private var counts: [Int] = []

  /// Counts the tokens of `text`.
  mutating func add(_ text: String, tokenizer: Tokenizer) {
    tokenizer.forEachToken(in: text) { token in
      let index = table.insert(token)
      if index == counts.count {
        counts.append(1)
      } else {
        counts[index] += 1
      }
    }
  }

  /// The `limit` most frequent tokens, most frequent first; equal counts in ascending order of
  /// their UTF-8 bytes, so the result never depends on the order texts came in.
  func mostFrequent(_ limit: Int) -> [String] {
    let order = counts.indices.sorted { a, b in
      counts[a] != counts[b]
        ? counts[a] > counts[b] : table.key(a).lexicographicallyPrecedes(table.key(b))
    }
    return order.prefix(limit).map { String(decoding: table.key($0), as: UTF8.self) }
  }
}
