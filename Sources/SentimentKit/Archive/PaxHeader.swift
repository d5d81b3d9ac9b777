/// The records of a pax extended header ("x" type flag): each is "LENGTH KEY=VALUE\n", where
/// LENGTH counts the whole record, its own digits and the newline included.
enum PaxHeader {
  /// The key-value pairs in `data`, or nil when a record is malformed.
  static func records(in data: UnsafeRawBufferPointer) -> [String: String]? {
    var records: [String: String] = [:]
    var start = 0
    while start < data.count {
      guard let space = data[start...].firstIndex(of: UInt8(ascii: " ")),
        let length = Int(String(decoding: data[start..<space], as: UTF8.self)),
        length > space - start, start + length <= data.count,
        data[start + length - 1] == UInt8(ascii: "\n"),
        let equals = data[(space + 1)..<(start + length)].firstIndex(of: UInt8(ascii: "="))
      else { return nil }
      let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
      records[key] = String(decoding: data[(equals + 1)..<(start + length - 1)], as: UTF8.self)
      start += length
    }
    return records
  }
}
