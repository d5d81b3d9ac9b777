import Foundation
import SentimentKit

/// libFuzzer target: any bytes as a .gz file, decompressed to the end in small reads. A thrown
/// ArchiveError is a correct answer; a crash, hang or leak is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let path = FuzzInput.write(FuzzInput.bytes(data, size), to: "input.gz")
  guard let reader = try? GzipReader(path: path, chunkSize: 64) else { return 0 }
  var buffer = [UInt8](repeating: 0, count: 97)
  while true {
    guard let count = try? buffer.withUnsafeMutableBytes({ try reader.read(into: $0) }), count > 0
    else { break }
  }
  return 0
}
