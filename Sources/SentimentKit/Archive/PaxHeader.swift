/// The records of a pax extended header ("x" type flag): each is "LENGTH KEY=VALUE\n", where
/// LENGTH counts the whole record, its own digits and the newline included.
enum PaxHeader {
  /// The key-value pairs in `data`, or nil when a record is malformed. A record's length is
  /// compared with the bytes left, never added to an offset, so no length can overflow.
  static func records(in data: UnsafeRawBufferPointer) -> [String: String]? {
    var records: [String: String] = [:]
    var start = 0
    while start < data.count {
      guard let space = data[start...].firstIndex(of: UInt8(ascii: " ")),
        data[start..<space].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
        let length = Int(String(decoding: data[start..<space], as: UTF8.self)),
        length > space - start, length <= data.count - start,
        data[start + length - 1] == UInt8(ascii: "\n"),
        let equals = data[(space + 1)..<(start + length)].firstIndex(of: UInt8(ascii: "="))
      else { return nil }
      let key = String(escapingInvalidUTF8: data[(space + 1)..<equals])
      records[key] = String(escapingInvalidUTF8: data[(equals + 1)..<(start + length - 1)])
      start += length
    }
    return records
  }
}
