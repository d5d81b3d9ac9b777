import Foundation
import SentimentKit

let vocabulary = try! Vocabulary(tokens: ["<pad>", "<unk>", "the", "film", "é", "don't"])

/// libFuzzer target: any bytes as review text (repaired UTF-8, as the corpus reads it): tokens,
/// ids, and the escaped forms messages use.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = FuzzInput.bytes(data, size)
  let text = String(decoding: bytes, as: UTF8.self)
  for lowercases in [true, false] {
    let tokens = Tokenizer(lowercases: lowercases).tokenize(text)
    precondition(tokens.allSatisfy { !$0.isEmpty }, "an empty token")
  }
  let ids = vocabulary.encode(text)
  precondition(ids.allSatisfy { (0..<Int32(vocabulary.count)).contains($0) }, "an id out of range")
  let escaped = String(escapingInvalidUTF8: bytes).printable
  precondition(!escaped.unicodeScalars.contains { $0.properties.generalCategory == .control })
  return 0
}
