import Foundation
import SentimentKit
import XCTest

/// tokenizer.json says what `Tokenizer`, `Vocabulary` and `TextConfig` do. The rules run here
/// as a Hugging Face reader runs them (the two Replace steps, Lowercase on the whole text, then
/// the token pattern's matches, with ICU standing in for Oniguruma: both read `\x{…}` classes
/// alike) must give our tokens; reference/check_reference.py runs the file through `tokenizers`
/// itself.
final class TokenizerJSONTests: XCTestCase {
  /// Lowercasing the whole text first, as the file does, is safe only if lowercasing never
  /// moves a scalar into or out of the word class: checked for every scalar.
  func testLowercasingNeverChangesWhetherAScalarIsAWordScalar() {
    var changed: [String] = []
    for value in UInt32(0)...0x10_FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let lower = scalar.properties.lowercaseMapping.unicodeScalars
      let isWord = Tokenizer.isWordScalar(scalar)
      if lower.contains(where: { Tokenizer.isWordScalar($0) != isWord })
        || (!isWord && !lower.elementsEqual([scalar]))
      {
        changed.append(String(value, radix: 16))
      }
    }
    XCTAssertEqual(changed, [], "scalars whose lowercase is in another class")
  }

  /// The word class is what the documentation says, Alphabetic ∪ Nd ∪ Mn ∪ Mc, for every scalar
  /// (`isWordScalar` asks the general category first, for speed).
  func testWordScalarsAreAlphabeticDecimalDigitsAndCombiningMarks() {
    var wrong: [String] = []
    for value in UInt32(0)...0x10_FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let p = scalar.properties
      let defined =
        p.isAlphabetic || p.numericType == .decimal || p.generalCategory == .nonspacingMark
        || p.generalCategory == .spacingMark
      if Tokenizer.isWordScalar(scalar) != defined { wrong.append(String(value, radix: 16)) }
    }
    XCTAssertEqual(wrong, [])
  }

  func testRulesRunAsTheFileSaysGiveOurTokens() throws {
    let texts = [
      "Great<BR>film<br/>really<br  />good<br/ >end<brr>x<br", "<<br>a",
      "I didn’t like it; it wasn't 'great', ''rock''n'roll'' 'tis ’quoted’ '''",
      "ΟΔΥΣΣΕΥΣ ΣΑΣ, İstanbul, STRASSE ẞ, Kelvin K, ǅ titlecase, naïve cafe\u{301} Ⓐⓑ Ⅻ ﬁne",
      "日本語のレビュー ที่สุด مُمْتاز हिन्दी फ़िल्म ᏣᎳᎩ ᲠᲔᲐᲚᲣᲠᲘ 👍🏽 ١٢٣ x²³ ½ snake_case",
      "", "!!! ... ---", "tabs\tand\r\nnew\u{0}lines\u{a0}nbsp\u{200b}zero",
    ]
    var generator = SplitMix64(seed: 5)
    let alphabet = Array("aZ9 '’<br/>BR-_.\u{301}éΣİ日ⓐ\u{e34}👍\u{2028}".unicodeScalars)
    let random = (0..<300).map { _ in
      String(
        String.UnicodeScalarView(
          (0..<40).map { _ in
            alphabet[Int(generator.next() % UInt64(alphabet.count))]
          }))
    }
    for lowercases in [true, false] {
      let tokenizer = Tokenizer(lowercases: lowercases)
      for text in texts + random {
        XCTAssertEqual(
          try Self.tokensAsTheFileSays(text, lowercases: lowercases), tokenizer.tokenize(text),
          "\(text.debugDescription), lowercases \(lowercases)")
      }
    }
  }

  func testFileHoldsTheVocabularyTruncationAndLowercasing() throws {
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>", "the", "didn't", "naïve"])
    for (maxLength, side, lowercases) in [(200, Batcher.Side.pre, true), (7, .post, false)] {
      var text = TextConfig()
      text.maxLength = maxLength
      text.truncation = side
      text.lowercases = lowercases
      let json = try Self.object(TokenizerJSON(vocabulary: vocabulary, text: text).data)
      let model = try XCTUnwrap(json["model"] as? [String: Any])
      XCTAssertEqual(model["type"] as? String, "WordLevel")
      XCTAssertEqual(model["unk_token"] as? String, "<unk>")
      XCTAssertEqual(
        model["vocab"] as? [String: Int],
        ["<pad>": 0, "<unk>": 1, "the": 2, "didn't": 3, "naïve": 4])
      let truncation = try XCTUnwrap(json["truncation"] as? [String: Any])
      XCTAssertEqual(truncation["max_length"] as? Int, maxLength)
      XCTAssertEqual(truncation["direction"] as? String, side == .pre ? "Left" : "Right")
      let steps = try XCTUnwrap((json["normalizer"] as? [String: Any])?["normalizers"] as? [Any])
      XCTAssertEqual(steps.count, lowercases ? 3 : 2)
      XCTAssertEqual((json["added_tokens"] as? [Any])?.count, 0, "<pad> and <unk> are words")
    }
    var whole = TextConfig()
    whole.maxLength = nil
    let json = try Self.object(TokenizerJSON(vocabulary: vocabulary, text: whole).data)
    XCTAssertTrue(json["truncation"] is NSNull)
  }

  // The file's steps, in order, with Swift's per-scalar lowercase mapping for Lowercase.
  private static func tokensAsTheFileSays(_ text: String, lowercases: Bool) throws -> [String] {
    let json = try object(
      TokenizerJSON(vocabulary: try Vocabulary(tokens: ["<pad>", "<unk>"]), text: TextConfig())
        .data)
    let split = try XCTUnwrap(json["pre_tokenizer"] as? [String: Any])
    let pattern = try XCTUnwrap((split["pattern"] as? [String: Any])?["Regex"] as? String)
    let tags = try NSRegularExpression(pattern: TokenizerJSON.breakTagPattern)
    var normalized = tags.stringByReplacingMatches(
      in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
    // Scalar by scalar (String's own replacing works on Characters: ’ + a mark is one).
    normalized = String(
      String.UnicodeScalarView(normalized.unicodeScalars.map { $0 == "’" ? "'" : $0 }))
    if lowercases {
      normalized = normalized.unicodeScalars.map { $0.properties.lowercaseMapping }.joined()
    }
    let tokens = try NSRegularExpression(pattern: pattern)
    // By UTF-16 offsets: a match may start inside a Character (a mark after a separator).
    let utf16 = normalized as NSString
    return tokens.matches(in: normalized, range: NSRange(location: 0, length: utf16.length))
      .map { utf16.substring(with: $0.range) }
  }

  private static func object(_ data: Data) throws -> [String: Any] {
    try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }
}
