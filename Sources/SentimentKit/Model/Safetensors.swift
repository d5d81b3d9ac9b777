import Foundation

/// A safetensors file (Hugging Face's format; PyTorch and NumPy load it as it is), read and
/// checked, or written from named tensors. Reading takes the header alone into memory (at most
/// `maxHeaderLength` bytes, the reference implementation's limit) and maps the data, so only
/// the tensors copied out are ever read; a regular file only (a FIFO or device is refused).
///
/// Layout:
///   bytes 0 ..< 8        N, the header length, UInt64 little-endian
///   bytes 8 ..< 8 + N    JSON: {"__metadata__": {string: string}, name: {"dtype": "F32" | "F64" |
///                        "F16" | "BF16", "shape": [...], "data_offsets": [begin, end]}, ...}, padded with spaces
///                        to a multiple of 8
///   bytes 8 + N ...      the data; a tensor is bytes begin ..< end of it, row-major, little-endian
/// Reading accepts what the reference implementation accepts: every tensor's span is
/// shape × dtype size, and the spans tile the data exactly, with no overlap and no hole. Loading
/// refuses NaN and infinite values, naming the tensor.
public struct Safetensors {
  /// The longest header read (100 MB, as the reference implementation's `MAX_HEADER_SIZE`).
  public static let maxHeaderLength = 100_000_000

  /// The element types read here; F32 and F64 are also written. The two 16-bit types are read
  /// (widened exactly to Float) so that a PyTorch state_dict saved in half precision imports.
  public enum DType: String, Sendable {
    /// IEEE binary32, `Float`.
    case f32 = "F32"
    /// IEEE binary64, `Double`.
    case f64 = "F64"
    /// IEEE binary16 (`torch.float16`).
    case f16 = "F16"
    /// bfloat16 (`torch.bfloat16`): the upper half of a binary32.
    case bf16 = "BF16"

    /// Bytes per element.
    public var byteCount: Int {
      switch self {
      case .f16, .bf16: return 2
      case .f32: return 4
      case .f64: return 8
      }
    }

    /// The dtype that stores `T` without loss: F32 for `Float`, F64 for `Double`.
    public init<T: Scalar>(_: T.Type) {
      precondition(
        T.self == Float.self || T.self == Double.self, "no safetensors dtype for \(T.self)")
      self = T.self == Float.self ? .f32 : .f64
    }
  }

  /// One tensor as the header describes it.
  public struct Entry: Equatable, Sendable {
    /// The tensor's name (a state_dict name).
    public let name: String
    /// Element type in the file.
    public let dtype: DType
    /// PyTorch shape.
    public let shape: [Int]
    /// Where its bytes lie within the data (after the header).
    public let byteRange: Range<Int>

    /// Elements in the tensor: the product of its shape.
    public var elementCount: Int { byteRange.count / dtype.byteCount }
  }

  /// The file's path, as error messages name it.
  public let file: String
  /// The header's "__metadata__" (empty when absent).
  public let metadata: [String: String]
  /// Every tensor, in the order of its data.
  public let entries: [Entry]
  private let index: [String: Int]  // name → position in `entries`
  private let bytes: Data  // the whole file, mapped
  private let dataStart: Int  // 8 + N

  /// Reads and checks the header of the file at `url`, and maps the file.
  public init(contentsOf url: URL) throws {
    let file = url.path
    let (descriptor, size): (Int32, Int)
    do {
      (descriptor, size) = try WholeFile.openRegular(file)
    } catch {
      throw SafetensorsError.io(file: file, reason: "cannot read: \(error.reason)")
    }
    defer { close(descriptor) }
    guard size >= 8 else { throw SafetensorsError.truncated(file: file, size: size) }
    let prefix = try Safetensors.read(8, at: 0, from: descriptor, file: file)
    let length = UInt64(littleEndian: prefix.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
    guard length <= UInt64(size - 8) else {
      throw SafetensorsError.headerLength(file: file, length: length, available: size - 8)
    }
    guard length <= UInt64(Safetensors.maxHeaderLength) else {
      throw SafetensorsError.header(
        file: file,
        reason: "header length \(length) is over the \(Safetensors.maxHeaderLength) bytes allowed")
    }
    let dataStart = 8 + Int(length)
    let json: Any
    do {
      let header = try Safetensors.read(Int(length), at: 8, from: descriptor, file: file)
      json = try JSONSerialization.jsonObject(with: Data(header))
    } catch let error as SafetensorsError {
      throw error
    } catch {
      throw SafetensorsError.header(
        file: file, reason: "not valid JSON (\(error.localizedDescription))")
    }
    guard let header = json as? [String: Any] else {
      throw SafetensorsError.header(file: file, reason: "the JSON is not an object")
    }
    var metadata: [String: String] = [:]
    if let value = header["__metadata__"] {
      guard let strings = value as? [String: String] else {
        throw SafetensorsError.header(
          file: file, reason: "__metadata__ is not a map of strings to strings")
      }
      metadata = strings
    }
    let dataSize = size - dataStart
    let entries = try header.filter { $0.key != "__metadata__" }
      .map { try Safetensors.entry($0.key, $0.value, dataSize: dataSize, file: file) }
      .sorted { a, b in
        (a.byteRange.lowerBound, a.byteRange.upperBound, a.name)
          < (b.byteRange.lowerBound, b.byteRange.upperBound, b.name)
      }
    try Safetensors.checkTiling(entries, dataSize: dataSize, file: file)
    self.file = file
    self.metadata = metadata
    self.entries = entries
    self.index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    self.bytes = try Safetensors.map(descriptor, size: size, file: file)
    self.dataStart = dataStart
  }

  // `count` bytes at `offset` of the file.
  private static func read(_ count: Int, at offset: Int, from descriptor: Int32, file: String)
    throws -> [UInt8]
  {
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let got = bytes.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done))
      }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else {
        let reason = got < 0 ? String(cString: strerror(errno)) : "the file shrank while read"
        throw SafetensorsError.io(file: file, reason: "cannot read: \(reason)")
      }
      done += got
    }
    return bytes
  }

  // The whole file, mapped read-only: pages are read when a tensor is copied, and unmapped when
  // the last copy of the value goes.
  private static func map(_ descriptor: Int32, size: Int, file: String) throws -> Data {
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    else {
      throw SafetensorsError.io(
        file: file, reason: "cannot map: \(String(cString: strerror(errno)))")
    }
    return Data(bytesNoCopy: address, count: size, deallocator: .custom { munmap($0, $1) })
  }

  /// The entry called `name`, if the file has one.
  public func entry(_ name: String) -> Entry? { index[name].map { entries[$0] } }

  /// Tensor `name` as a matrix of `T` (converting from the file's dtype): its first dimension as
  /// rows and the rest flattened, a vector as one row, a scalar as 1×1.
  public func matrix<T: Scalar>(_ name: String, as _: T.Type = T.self) throws -> Matrix<T> {
    guard let entry = entry(name) else {
      throw SafetensorsError.mismatch(file: file, missing: [name], unexpected: [], wrongShape: [])
    }
    let count = entry.shape.reduce(1, *)
    let rows = entry.shape.count > 1 ? entry.shape[0] : 1
    let result = Matrix<T>(rows: rows, cols: rows == 0 ? 0 : count / rows)
    copy(entry, into: result)
    return result
  }

  /// Fills `tensors` by name. The file must hold exactly these names with exactly these shapes;
  /// otherwise nothing is written and the error lists every missing, unexpected and misshapen one.
  /// The file's dtype may differ from `T` (F64 into Float rounds to nearest; F16 and BF16 widen
  /// exactly). A tensor holding a
  /// NaN or an infinity (after conversion) is an error naming it; tensors before it are filled.
  public func load<T: Scalar>(into tensors: [NamedTensor<T>]) throws {
    let names = Set(tensors.map(\.name))
    let missing = tensors.map(\.name).filter { index[$0] == nil }
    let unexpected = entries.map(\.name).filter { !names.contains($0) }
    let wrongShape = tensors.compactMap { t -> String? in
      guard let found = entry(t.name)?.shape, found != t.shape else { return nil }
      return "\(t.name): file \(found), expected \(t.shape)"
    }
    guard missing.isEmpty && unexpected.isEmpty && wrongShape.isEmpty else {
      throw SafetensorsError.mismatch(
        file: file, missing: missing, unexpected: unexpected, wrongShape: wrongShape)
    }
    for t in tensors {
      copy(entries[index[t.name]!], into: t.value)
      guard t.value.isFinite else {
        throw SafetensorsError.tensor(
          file: file, tensor: t.name,
          reason: "holds NaN or infinite values (as \(T.self)): the weights are damaged")
      }
    }
  }

  /// Fills `parameters` by their state_dict names; see `load(into:)` for tensors.
  public func load<P: ParameterSet>(into parameters: P) throws {
    try load(into: parameters.namedTensors)
  }

  /// Copies the entry's elements, converted to `T`, into `m` row by row.
  private func copy<T: Scalar>(_ entry: Entry, into m: Matrix<T>) {
    bytes.withUnsafeBytes { raw in
      var offset = dataStart + entry.byteRange.lowerBound
      // Reads one little-endian word W at `offset` and advances it.
      func next<W: FixedWidthInteger>(_: W.Type) -> W {
        defer { offset += MemoryLayout<W>.size }
        return W(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: W.self))
      }
      for r in 0..<m.rows {
        let row = m.pointer + r * m.stride
        switch entry.dtype {
        case .f32: for j in 0..<m.cols { row[j] = T(Float(bitPattern: next(UInt32.self))) }
        case .f64: for j in 0..<m.cols { row[j] = T(Double(bitPattern: next(UInt64.self))) }
        case .f16: for j in 0..<m.cols { row[j] = T(Self.widen(half: next(UInt16.self))) }
        case .bf16:
          for j in 0..<m.cols { row[j] = T(Float(bitPattern: UInt32(next(UInt16.self)) << 16)) }
        }
      }
    }
  }

  // binary16 bits → the Float of the same value (every half is exactly a Float):
  //   sign s, exponent e (5 bits, bias 15), fraction f (10 bits)
  //   e = 31: ±∞ or NaN;  e = 0: ±f · 2⁻²⁴ (subnormal or zero);  else ±(1 + f/2¹⁰) · 2^(e−15)
  static func widen(half bits: UInt16) -> Float {
    let sign: Float = bits & 0x8000 == 0 ? 1 : -1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Float(bits & 0x3FF)
    switch exponent {
    case 0x1F: return fraction == 0 ? sign * .infinity : .nan
    case 0: return sign * fraction * 0x1p-24
    default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
    }
  }

  /// Writes `tensors` (in this order) and `metadata` to `url` atomically: the bytes go to a
  /// temporary file in the same folder, which is synced to disk and then renamed over `url`, so a
  /// reader sees the old file or the new one, never part of one. Float is stored as F32, Double as
  /// F64.
  public static func write<T: Scalar>(
    _ tensors: [NamedTensor<T>], metadata: [String: String] = [:], to url: URL
  ) throws {
    var seen: Set = ["__metadata__"]  // the header's own key
    for t in tensors where !seen.insert(t.name).inserted {
      throw SafetensorsError.tensor(
        file: url.path, tensor: t.name, reason: "is named twice or uses the reserved name")
    }
    do {
      try AtomicFile.write(encode(tensors, metadata: metadata), to: url)
    } catch let error as AtomicFileError {
      throw SafetensorsError.io(file: error.file, reason: error.reason)
    }
  }

  /// Writes `parameters` under their state_dict names; see `write(_:metadata:to:)` for tensors.
  public static func write<P: ParameterSet>(
    _ parameters: P, metadata: [String: String] = [:], to url: URL
  ) throws {
    try write(parameters.namedTensors, metadata: metadata, to: url)
  }

  /// The whole file: length, padded header, data.
  private static func encode<T: Scalar>(_ tensors: [NamedTensor<T>], metadata: [String: String])
    -> [UInt8]
  {
    let dtype = DType(T.self)
    var fields: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.sorted { $0.key < $1.key }.map {
        "\($0.key.jsonQuoted):\($0.value.jsonQuoted)"
      }
      fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
    }
    var end = 0
    for t in tensors {
      let begin = end
      end += t.value.count * dtype.byteCount
      let shape = t.shape.map(String.init).joined(separator: ",")
      let offsets = "[\(begin),\(end)]"
      fields.append(
        "\(t.name.jsonQuoted):{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":\(offsets)}")
    }
    var header = Array("{\(fields.joined(separator: ","))}".utf8)
    header += [UInt8](repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
    var out = [UInt8](repeating: 0, count: 8 + header.count + end)
    out.withUnsafeMutableBytes { raw in
      raw.storeBytes(of: UInt64(header.count).littleEndian, as: UInt64.self)
      raw.baseAddress!.advanced(by: 8).copyMemory(from: header, byteCount: header.count)
      var offset = 8 + header.count
      // Stores one word W little-endian at `offset` and advances it.
      func put<W: FixedWidthInteger>(_ word: W) {
        raw.storeBytes(of: word.littleEndian, toByteOffset: offset, as: W.self)
        offset += MemoryLayout<W>.size
      }
      for t in tensors {
        let m = t.value
        for r in 0..<m.rows {
          let row = m.pointer + r * m.stride
          if dtype == .f32 {
            for j in 0..<m.cols { put(Float(row[j]).bitPattern) }
          } else {  // F64: `DType(T.self)` gives only the two
            for j in 0..<m.cols { put(Double(row[j]).bitPattern) }
          }
        }
      }
    }
    return out
  }

  /// One header entry, checked on its own: dtype, shape, and offsets that span exactly
  /// shape × dtype size bytes inside the data.
  private static func entry(_ name: String, _ value: Any, dataSize: Int, file: String) throws
    -> Entry
  {
    func invalid(_ reason: String) -> SafetensorsError {
      .tensor(file: file, tensor: name, reason: reason)
    }
    guard let fields = value as? [String: Any] else { throw invalid("is not a JSON object") }
    guard let dtypeName = fields["dtype"] as? String else { throw invalid("has no dtype string") }
    guard let dtype = DType(rawValue: dtypeName) else {
      throw invalid("has dtype \(dtypeName); only F32, F64, F16 and BF16 are supported")
    }
    guard let shape = integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
      throw invalid("has no shape of non-negative integers")
    }
    guard let offsets = integers(fields["data_offsets"]), offsets.count == 2,
      offsets[0] >= 0, offsets[0] <= offsets[1]
    else { throw invalid("has no data_offsets [begin, end] with 0 ≤ begin ≤ end") }
    var byteCount = dtype.byteCount
    for dimension in shape {
      let (product, overflow) = byteCount.multipliedReportingOverflow(by: dimension)
      guard !overflow else { throw invalid("has a shape \(shape) too large to address") }
      byteCount = product
    }
    guard offsets[1] - offsets[0] == byteCount else {
      let span = offsets[1] - offsets[0]
      throw invalid(
        "has shape \(shape) of \(dtypeName), \(byteCount) bytes, but data_offsets \(offsets) span \(span)")
    }
    guard offsets[1] <= dataSize else {
      throw invalid(
        "has data_offsets \(offsets) past the end of the \(dataSize) data bytes (truncated file?)")
    }
    return Entry(name: name, dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
  }

  /// Entries sorted by offset must follow each other exactly from byte 0 to the end of the data:
  /// an overlap would alias two tensors, a hole would hide bytes (the format forbids both).
  private static func checkTiling(_ entries: [Entry], dataSize: Int, file: String) throws {
    var end = 0
    var previous: Entry?
    for e in entries {
      if e.byteRange.lowerBound < end, let previous {
        throw SafetensorsError.tensor(
          file: file, tensor: e.name,
          reason: "overlaps '\(previous.name)' (bytes \(e.byteRange) and \(previous.byteRange))")
      }
      if e.byteRange.lowerBound > end {
        throw SafetensorsError.tensor(
          file: file, tensor: e.name,
          reason: "starts at byte \(e.byteRange.lowerBound), leaving bytes \(end)..<\(e.byteRange.lowerBound) unused")
      }
      end = e.byteRange.upperBound
      previous = e
    }
    guard end == dataSize else {
      throw SafetensorsError.header(
        file: file, reason: "tensors end at data byte \(end) but the data has \(dataSize) bytes")
    }
  }

  /// A JSON list of integers (not booleans or fractions) as [Int], or nil.
  private static func integers(_ value: Any?) -> [Int]? {
    guard let list = value as? [Any] else { return nil }
    var result: [Int] = []
    for item in list {
      // JSONSerialization gives integers as NSNumber of C type q (or i, l, s), booleans as c.
      guard let number = item as? NSNumber,
        ["q", "i", "l", "s"].contains(String(cString: number.objCType))
      else { return nil }
      result.append(number.intValue)
    }
    return result
  }
}
