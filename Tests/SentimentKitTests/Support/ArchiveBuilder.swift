import CZlib
import Foundation
import SentimentKit

/// Writes small tar archives block by block, and gzips them with zlib, so that each test can
/// build exactly the archive it needs, broken in exactly one place.
struct ArchiveBuilder {
  /// The tar stream so far.
  private(set) var tar: [UInt8] = []

  /// Appends a regular file; `posix` writes the "ustar\0" magic, else GNU's "ustar  ".
  mutating func file(_ path: String, _ contents: [UInt8], posix: Bool = false) {
    header(name: path, size: contents.count, typeflag: "0", posix: posix)
    data(contents)
  }

  /// Appends a regular file holding `text` as UTF-8.
  mutating func file(_ path: String, _ text: String) {
    file(path, Array(text.utf8))
  }

  /// Appends a POSIX ustar file whose path is split into the prefix and name fields.
  mutating func file(prefix: String, name: String, _ text: String) {
    header(name: name, size: text.utf8.count, typeflag: "0", posix: true, prefix: prefix)
    data(Array(text.utf8))
  }

  /// Appends a directory entry.
  mutating func directory(_ path: String) {
    header(name: path, size: 0, typeflag: "5")
  }

  /// Appends a symbolic link entry.
  mutating func symlink(_ path: String) {
    header(name: path, size: 0, typeflag: "2")
  }

  /// Appends a file under a GNU long name: an "L" entry holding the path, then the file.
  mutating func fileWithLongName(_ path: String, _ text: String) {
    let name = Array(path.utf8) + [0]
    header(name: "././@LongLink", size: name.count, typeflag: "L")
    data(name)
    file(String(path.suffix(99)), text)
  }

  /// Appends a file whose path comes from a pax "x" header; the ustar name is a stand-in.
  mutating func fileWithPaxPath(_ path: String, _ text: String) {
    pax(typeflag: "x", records: ["path": path])
    file("PaxHeaders/stand-in", text)
  }

  /// Appends a pax header of `typeflag` ("x" or "g") holding `records`.
  mutating func pax(typeflag: Character, records: [String: String]) {
    var body: [UInt8] = []
    for (key, value) in records.sorted(by: { $0.key < $1.key }) {
      let rest = " \(key)=\(value)\n"
      var length = rest.utf8.count + 1
      while String(length).count + rest.utf8.count != length { length += 1 }
      body += Array("\(length)\(rest)".utf8)
    }
    pax(body: body, typeflag: typeflag)
  }

  /// Appends an "x" pax header whose data is `body` as it is (well-formed or not).
  mutating func pax(body: [UInt8], typeflag: Character = "x") {
    header(name: "PaxHeaders/x", size: body.count, typeflag: typeflag, posix: true)
    data(body)
  }

  /// Appends `count` zero blocks: two mark the end of the archive.
  mutating func end(zeroBlocks count: Int = 2) {
    tar += [UInt8](repeating: 0, count: 512 * count)
  }

  /// Appends a 512-byte header with a correct checksum; `sizeField`, when given, is stored as
  /// the 12 bytes of the size field (a GNU base-256 number, say) instead of `size` in octal,
  /// and `rawName` as the name field's bytes instead of `name`.
  mutating func header(
    name: String, size: Int, typeflag: Character, posix: Bool = false, prefix: String = "",
    sizeField: [UInt8]? = nil, rawName: [UInt8]? = nil
  ) {
    var block = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, at offset: Int) {
      for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
    }
    put(name, at: 0)
    for (index, byte) in (rawName ?? []).enumerated() { block[index] = byte }
    put("0000644\0", at: 100)
    put("0000000\0", at: 108)
    put("0000000\0", at: 116)
    put(String(format: "%011lo\0", size), at: 124)
    for (index, byte) in (sizeField ?? []).enumerated() { block[124 + index] = byte }
    put("00000000000\0", at: 136)
    put(String(typeflag), at: 156)
    put(posix ? "ustar\u{0}00" : "ustar  \u{0}", at: 257)
    put(prefix, at: 345)
    put("        ", at: 148)
    let sum = block.reduce(0) { $0 + Int($1) }
    put(String(format: "%06o\0 ", sum), at: 148)
    tar += block
  }

  /// Appends `bytes` padded with zeros to a whole number of blocks.
  mutating func data(_ bytes: [UInt8]) {
    tar += bytes
    tar += [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
  }

  /// `bytes` as one gzip member (zlib's deflate with the gzip wrapper).
  static func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    // 16 + 15: gzip wrapper, largest window; 8: default memory level.
    let status = deflateInit2_(
      &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
      ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK)
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
    let produced = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
        return target.count - Int(stream.avail_out)
      }
    }
    return Array(output.prefix(produced))
  }

  /// Deterministic bytes that barely compress, to spread data across the compressed file.
  static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
  }
}
