/// One decoded 512-byte tar header block: ustar, with the GNU and pax type flags.
///
/// Field layout (byte ranges): name 0..<100, size 124..<136, checksum 148..<156, typeflag 156,
/// magic 257..<263 ("ustar\0" for POSIX, "ustar " for GNU), prefix 345..<500 (POSIX only).
struct TarHeader {
  static let blockSize = 512
  /// The largest entry size believed (1 TiB): beyond it a size is a crafted or corrupt field,
  /// and below it padding arithmetic cannot overflow.
  static let maxSize = 1 << 40

  /// The name field, joined to the prefix field in POSIX ustar headers.
  var name: String
  /// The size field: bytes of data after the header.
  var size: Int
  /// The type flag byte: "0" or NUL regular, "5" directory, "L" GNU long name, "x" pax, ...
  var typeflag: UInt8

  /// Decodes `block`, or nil when its size field is not a number of at most `maxSize`.
  init?(block: UnsafeRawBufferPointer) {
    guard let size = TarHeader.number(in: block[124..<136]), size <= TarHeader.maxSize else {
      return nil
    }
    self.size = size
    typeflag = block[156]
    name = TarHeader.string(in: block[0..<100])
    let posixMagic: [UInt8] = Array("ustar\0".utf8)
    if block[257..<263].elementsEqual(posixMagic) {
      let prefix = TarHeader.string(in: block[345..<500])
      if !prefix.isEmpty { name = prefix + "/" + name }
    }
  }

  /// True for a regular file ("0", NUL from pre-POSIX tars, "7" contiguous file).
  var isRegularFile: Bool {
    typeflag == UInt8(ascii: "0") || typeflag == 0 || typeflag == UInt8(ascii: "7")
  }

  /// False for the types whose size field does not count data blocks: links, devices,
  /// directories and FIFOs ("1" to "6").
  var hasData: Bool {
    !(UInt8(ascii: "1")...UInt8(ascii: "6")).contains(typeflag)
  }

  /// Bytes of data plus padding to the next 512-byte boundary; `size` at most `maxSize`.
  static func paddedSize(_ size: Int) -> Int {
    (size + blockSize - 1) / blockSize * blockSize
  }

  /// True when all 512 bytes are zero: half of the end-of-archive marker.
  static func isZeroBlock(_ block: UnsafeRawBufferPointer) -> Bool {
    var bits: UInt64 = 0
    for word in stride(from: 0, to: blockSize, by: 8) {
      bits |= block.loadUnaligned(fromByteOffset: word, as: UInt64.self)
    }
    return bits == 0
  }

  /// True when the checksum field matches the sum of the header's bytes, counting the field
  /// itself as spaces; both the unsigned (POSIX) and signed (old tars) sums are accepted.
  static func checksumMatches(_ block: UnsafeRawBufferPointer) -> Bool {
    guard let stored = number(in: block[148..<156]) else { return false }
    var unsigned = 8 * 0x20
    var signed = 8 * 0x20
    for byte in block {
      unsigned += Int(byte)
      signed += Int(Int8(bitPattern: byte))
    }
    for byte in block[148..<156] {
      unsigned -= Int(byte)
      signed -= Int(Int8(bitPattern: byte))
    }
    return stored == unsigned || stored == signed
  }

  /// The name field as it stands, for naming a header that fails its checksum; nil when blank.
  static func rawName(_ block: UnsafeRawBufferPointer) -> String? {
    let name = string(in: block[0..<100])
    return name.allSatisfy(\.isWhitespace) ? nil : name
  }

  /// A NUL-terminated (or full-width) text field; invalid UTF-8 bytes become `\xNN`.
  static func string(in field: Slice<UnsafeRawBufferPointer>) -> String {
    let end = field.firstIndex(of: 0) ?? field.endIndex
    return String(escapingInvalidUTF8: field[field.startIndex..<end])
  }

  /// A pax `size` record: decimal digits only, at most `maxSize`; nil otherwise.
  static func paxSize(_ text: String) -> Int? {
    guard !text.isEmpty, text.utf8.count <= 19,
      text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
      let size = Int(text), size <= maxSize
    else { return nil }
    return size
  }

  /// A numeric field: octal digits padded with spaces or NULs, or GNU base-256 (high bit of
  /// the first byte set) for values too big for octal.
  static func number(in field: Slice<UnsafeRawBufferPointer>) -> Int? {
    guard let first = field.first else { return nil }
    if first & 0x80 != 0 {
      var value = Int(first & 0x3f)
      for byte in field.dropFirst() {
        guard value < Int.max >> 8 else { return nil }
        value = value << 8 | Int(byte)
      }
      return first & 0x40 == 0 ? value : nil  // a negative size is no size
    }
    var value = 0
    var digits = 0
    for byte in field {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        value = value * 8 + Int(byte - UInt8(ascii: "0"))
        digits += 1
      case UInt8(ascii: " ") where digits == 0:
        continue
      case 0, UInt8(ascii: " "):
        return digits > 0 ? value : nil
      default:
        return nil
      }
    }
    return digits > 0 ? value : nil
  }
}
