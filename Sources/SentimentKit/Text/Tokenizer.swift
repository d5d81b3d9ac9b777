/// Splits review text into word tokens.
///
/// A token is a run of letters, digits and apostrophes, Unicode letters and digits included
/// (combining marks stay with their letter). `<br />`, `<br/>` and `<br>` (any case) count as
/// spaces. Apostrophes at either end of a token are dropped, so a token of apostrophes alone
/// disappears; U+2019 (’) counts as an apostrophe and is written as '. Tokens are lowercased
/// (per character, no context) unless `lowercases` is false. `TokenizerJSON` writes these rules
/// in the Hugging Face `tokenizers` format.
public struct Tokenizer: Sendable, Equatable, Codable {
  /// Whether tokens are lowercased (Unicode lowercase mapping).
  public var lowercases: Bool

  /// A tokenizer; lowercasing by default.
  public init(lowercases: Bool = true) {
    self.lowercases = lowercases
  }

  /// The tokens of `text`, in order.
  public func tokenize(_ text: String) -> [String] {
    var tokens: [String] = []
    forEachToken(in: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
    return tokens
  }

  /// Calls `body` with the UTF-8 bytes of each token of `text`, in order, without making a
  /// String per token; the bytes are valid only during the call.
  public func forEachToken(
    in text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) rethrows {
    var text = text
    try text.withUTF8 { bytes in
      try Tokenizer.byteClasses.withUnsafeBufferPointer { classes in
        var scanner = TokenScanner(bytes: bytes, classes: classes, lowercases: lowercases)
        try scanner.run(body)
      }
    }
  }

  /// Whether `scalar` belongs in a token: Alphabetic, a decimal digit (Nd), or a combining mark
  /// (Mn, Mc), by the standard library's Unicode tables (`unicodeVersion`). Alphabetic is
  /// L* ∪ Nl ∪ Other_Alphabetic, so the category decides but for the few others (circled letters
  /// are So) — one table lookup for most scalars (tokenizer.json's ranges scan them all).
  public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .letterNumber, .decimalNumber, .nonspacingMark, .spacingMark:
      return true
    case .unassigned, .privateUse, .surrogate, .control, .spaceSeparator:
      return false
    default:
      return properties.isAlphabetic
    }
  }

  /// The Unicode version of the character tables this build tokenizes by, as "17.0": the latest
  /// age of any assigned scalar in the standard library's data.
  public static let unicodeVersion: String = {
    var latest = (major: 0, minor: 0)
    for value in UInt32(0)...0x10_FFFF {
      guard let age = Unicode.Scalar(value)?.properties.age else { continue }
      if (age.major, age.minor) > latest { latest = (age.major, age.minor) }
    }
    return "\(latest.major).\(latest.minor)"
  }()

  // Byte classes, one per byte value.
  static let separator: UInt8 = 0
  static let word: UInt8 = 1  // a-z, 0-9: token bytes that stay as they are
  static let upper: UInt8 = 2  // A-Z
  static let apostrophe: UInt8 = 3
  static let nonASCII: UInt8 = 4  // 0x80 and up: part of a longer scalar

  private static let byteClasses: [UInt8] = (0...255).map { (byte: UInt8) -> UInt8 in
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return word
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return upper
    case UInt8(ascii: "'"): return apostrophe
    case 0x80...: return nonASCII
    default: return separator
    }
  }
}
