/// The byte-level loop behind `Tokenizer`: walks valid UTF-8, ASCII through a class table and
/// other scalars through their Unicode properties, and hands each token's bytes to a closure.
/// Tokens that need no change are passed as slices of the input; others (uppercase, ’) are
/// rewritten into a scratch buffer first.
struct TokenScanner {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let classes: UnsafeBufferPointer<UInt8>
  private let lowercases: Bool
  private var scratch: [UInt8] = []

  init(bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>, lowercases: Bool) {
    self.bytes = bytes
    self.classes = classes
    self.lowercases = lowercases
  }

  mutating func run(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
    let bytes = self.bytes  // locals stay in registers across the calls to `body`
    let classes = self.classes
    let count = bytes.count
    var index = 0
    while index < count {
      if classes[Int(bytes[index])] == Tokenizer.separator {
        index = bytes[index] == UInt8(ascii: "<") ? endOfBreakTag(at: index) : index + 1
        continue
      }
      // A token (or apostrophes, or a non-ASCII separator) starts here.
      var wordStart = -1  // first and past-last letter or digit: apostrophes outside are dropped
      var wordEnd = -1
      var rewrite = false
      scan: while index < count {
        switch classes[Int(bytes[index])] {
        case Tokenizer.word, Tokenizer.upper:
          if wordStart < 0 { wordStart = index }
          rewrite = rewrite || (lowercases && classes[Int(bytes[index])] == Tokenizer.upper)
          index += 1
          while index < count && classes[Int(bytes[index])] == Tokenizer.word { index += 1 }
          wordEnd = index
        case Tokenizer.apostrophe:
          index += 1
        case Tokenizer.nonASCII:
          let (scalar, length) = decode(at: index)
          if scalar == "\u{2019}" {
            rewrite = true
          } else if Tokenizer.isWordScalar(scalar) {
            rewrite = rewrite || (lowercases && scalar.properties.changesWhenLowercased)
            if wordStart < 0 { wordStart = index }
            wordEnd = index + length
          } else {
            if wordStart < 0 { index += length }  // a separator on its own: step over it
            break scan
          }
          index += length
        default:
          break scan
        }
      }
      guard wordStart >= 0 else { continue }
      if rewrite {
        rewriteToken(wordStart..<wordEnd)
        try scratch.withUnsafeBufferPointer(body)
      } else {
        try body(UnsafeBufferPointer(rebasing: bytes[wordStart..<wordEnd]))
      }
    }
  }

  // Index after `<br>`, `<br/>` or `<br />` (any case, spaces before the slash) at `index`;
  // index + 1 when the `<` starts anything else.
  private func endOfBreakTag(at index: Int) -> Int {
    var next = index + 1
    for letter in [UInt8(ascii: "b"), UInt8(ascii: "r")] {
      guard next < bytes.count, bytes[next] | 0x20 == letter else { return index + 1 }
      next += 1
    }
    while next < bytes.count && bytes[next] == UInt8(ascii: " ") { next += 1 }
    if next < bytes.count && bytes[next] == UInt8(ascii: "/") { next += 1 }
    guard next < bytes.count, bytes[next] == UInt8(ascii: ">") else { return index + 1 }
    return next + 1
  }

  // Copies the token at `range` into `scratch`, lowercased when asked, with ’ written as '.
  private mutating func rewriteToken(_ range: Range<Int>) {
    scratch.removeAll(keepingCapacity: true)
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      if byte < 0x80 {
        let isUpper = classes[Int(byte)] == Tokenizer.upper
        scratch.append(lowercases && isUpper ? byte | 0x20 : byte)
        index += 1
        continue
      }
      let (scalar, length) = decode(at: index)
      if scalar == "\u{2019}" {
        scratch.append(UInt8(ascii: "'"))
      } else if lowercases && scalar.properties.changesWhenLowercased {
        scratch.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
      } else {
        scratch.append(contentsOf: bytes[index..<(index + length)])
      }
      index += length
    }
  }

  // The scalar whose UTF-8 starts at `index` (the input is valid UTF-8) and its byte length.
  private func decode(at index: Int) -> (Unicode.Scalar, Int) {
    let lead = UInt32(bytes[index])
    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    var value = lead & (0x7F >> UInt32(length))
    for offset in 1..<length {
      value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }
}
