import Foundation

/// A model folder's `tokenizer.json`: our tokenizer, vocabulary and truncation in the Hugging Face
/// `tokenizers` format, so that `tokenizers.Tokenizer.from_file("tokenizer.json").encode(text).ids`
/// gives exactly `Vocabulary.encode` followed by `TextConfig.truncated`. Each rule of `Tokenizer`
/// is one step of the file:
///   normalizer      Replace `<[Bb][Rr] */?>` by " " (the `<br>` variants count as spaces);
///                   Replace "’" by "'"; Lowercase (only when `lowercases`)
///   pre_tokenizer   Split, keeping the matches of `W+(?:'+W+)*` (invert: true, the rest removed):
///                   runs of word scalars W with apostrophes inside, so apostrophes at either end
///                   drop and apostrophes alone make no token
///   model           WordLevel: our vocabulary, `<unk>` for every other token
///   truncation      the last (`.pre`: direction Left) or first `maxLength` ids
/// W is spelt out as code-point ranges taken from this build's Unicode tables (`Tokenizer
/// .isWordScalar`), so the file does not depend on the Unicode version of the reader's regex
/// engine (Oniguruma). Lowercase is the reader's per-character lowercase mapping (Rust's
/// `char::to_lowercase`), which is ours wherever both sides' Unicode versions agree on a case
/// pair; lowercasing never moves a scalar into or out of W (a test checks every scalar), so
/// lowercasing the whole text first, as the file does, splits it as we do. `<pad>` and `<unk>`
/// are plain vocabulary entries, not added tokens: the text "<pad>" is the word "pad" here too.
public struct TokenizerJSON {
  /// The file's name in a model folder.
  public static let fileName = "tokenizer.json"

  /// The ids.
  public let vocabulary: Vocabulary
  /// Lowercasing and truncation.
  public let text: TextConfig

  /// The file for `vocabulary` (built with `text.tokenizer`) and `text`'s truncation.
  public init(vocabulary: Vocabulary, text: TextConfig) {
    self.vocabulary = vocabulary
    self.text = text
  }

  /// The break tags `Tokenizer` reads as spaces, as an Oniguruma pattern.
  public static let breakTagPattern = "<[Bb][Rr] */?>"

  /// A token as an Oniguruma pattern: word scalars, with runs of apostrophes only inside.
  public static let tokenPattern: String = {
    let word =
      "["
      + wordScalarRanges.map { range in
        range.count == 1
          ? hex(range.lowerBound) : hex(range.lowerBound) + "-" + hex(range.upperBound)
      }.joined() + "]"
    return "\(word)+(?:'+\(word)+)*"
  }()

  /// Every scalar `Tokenizer.isWordScalar` accepts, as maximal runs of code points.
  public static let wordScalarRanges: [ClosedRange<UInt32>] = {
    var ranges: [ClosedRange<UInt32>] = []
    for value in UInt32(0)...0x10_FFFF {
      guard let scalar = Unicode.Scalar(value), Tokenizer.isWordScalar(scalar) else { continue }
      if let last = ranges.last, last.upperBound + 1 == value {
        ranges[ranges.count - 1] = last.lowerBound...value
      } else {
        ranges.append(value...value)
      }
    }
    return ranges
  }()

  /// The file's bytes: UTF-8 JSON, the vocabulary in id order.
  public var data: Data {
    var normalizers = [
      #"{"type":"Replace","pattern":{"Regex":\#(Self.breakTagPattern.jsonQuoted)},"content":" "}"#,
      #"{"type":"Replace","pattern":{"String":"’"},"content":"'"}"#,
    ]
    if text.lowercases { normalizers.append(#"{"type":"Lowercase"}"#) }
    let truncation = text.maxLength.map { length in
      #"{"direction":"\#(text.truncation == .pre ? "Left" : "Right")","max_length":\#(length),"#
        + #""strategy":"LongestFirst","stride":0}"#
    }
    let vocabulary = self.vocabulary.tokens.enumerated().map { id, token in
      "\(token.jsonQuoted):\(id)"
    }
    let json = """
      {
        "version": "1.0",
        "truncation": \(truncation ?? "null"),
        "padding": null,
        "added_tokens": [],
        "normalizer": {"type":"Sequence","normalizers":[\(normalizers.joined(separator: ","))]},
        "pre_tokenizer": {"type":"Split","pattern":{"Regex":\(Self.tokenPattern.jsonQuoted)},"behavior":"Removed","invert":true},
        "post_processor": null,
        "decoder": null,
        "model": {"type":"WordLevel","unk_token":\(Vocabulary.unknownToken.jsonQuoted),"vocab":{
      \(vocabulary.joined(separator: ",\n"))
      }}
      }

      """
    return Data(json.utf8)
  }

  /// Writes the file to `path`, replacing any file there at once (see `AtomicFile`); throws
  /// `AtomicFileError`.
  public func write(to path: String) throws {
    try AtomicFile.write(data, to: URL(fileURLWithPath: path))
  }

  // \x{HEX}: a code point in an Oniguruma pattern.
  private static func hex(_ value: UInt32) -> String {
    "\\x{" + String(value, radix: 16, uppercase: true) + "}"
  }
}
