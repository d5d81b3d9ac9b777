import Foundation
import SentimentKit

/// The command line's arguments as the bytes the shell passed: Swift decodes them as UTF-8 with
/// U+FFFD in place of invalid bytes, and a file name that is not UTF-8 would then name another
/// (or no) file.
enum RawArguments {
  /// The path an argument parsed as `text` was given as: the first argument whose decoding is
  /// `text`, as its bytes; `text` itself when it needed no repair.
  static func path(_ text: String) -> RawPath {
    guard text.unicodeScalars.contains("\u{FFFD}") else { return RawPath(text) }
    for index in 0..<Int(CommandLine.argc) {
      guard let argument = CommandLine.unsafeArgv[index] else { continue }
      let bytes = UnsafeBufferPointer(start: argument, count: strlen(argument)).map {
        UInt8(bitPattern: $0)
      }
      if String(decoding: bytes, as: UTF8.self) == text { return RawPath(bytes: bytes) }
    }
    return RawPath(text)
  }
}
