extension String {
  /// The bytes as text that keeps every byte: valid UTF-8 as it is, each byte of an ill-formed
  /// sequence as `\xNN`, so two names that differ in one invalid byte stay two names (decoding
  /// with U+FFFD would merge them) and a message shows which byte it was.
  public init(escapingInvalidUTF8 bytes: some Collection<UInt8>) {
    if let valid = String(validating: bytes, as: UTF8.self) {
      self = valid
      return
    }
    let bytes = Array(bytes)
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    var text = ""
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        text.unicodeScalars.append(Unicode.UTF8.decode(encoded))
        offset += encoded.count
      case .error(let length):
        for byte in bytes[offset..<(offset + length)] { text += "\\x" + Self.hex(byte, digits: 2) }
        offset += length
      case .emptyInput:
        self = text
        return
      }
    }
  }

  /// The string as a message may show it: control characters (C0, DEL, C1) as `\n`, `\r`, `\t`
  /// or `\u{XX}`, and invisible format characters (a byte-order mark, zero-width and
  /// bidirectional marks) as `\u{XXXX}`, so a name cannot move a terminal's cursor, recolour it
  /// or hide part of itself.
  public var printable: String {
    guard unicodeScalars.contains(where: Self.isInvisible) else { return self }
    var text = ""
    for scalar in unicodeScalars {
      switch scalar {
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case _ where Self.isInvisible(scalar):
        text += "\\u{" + Self.hex(scalar.value, digits: scalar.value > 0xff ? 4 : 2) + "}"
      default: text.unicodeScalars.append(scalar)
      }
    }
    return text
  }

  /// `printable` in double quotes: how a message names a label, a column or a key, so that one
  /// with spaces, commas or nothing in it still reads as one name.
  public var quoted: String { "\"" + printable + "\"" }

  private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }

  private static func hex(_ value: some BinaryInteger, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
  }
}
