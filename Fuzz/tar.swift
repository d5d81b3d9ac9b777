import Foundation
import SentimentKit

/// The fuzz input as a stream, handed out in uneven pieces so headers straddle reads.
final class MemorySource: ByteSource {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let count = min(buffer.count, bytes.count - position, 1 + position % 700)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes {
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<(position + count)]))
    }
    position += count
    return count
  }
}

/// libFuzzer target: any bytes as a tar stream (ustar, GNU long names, pax), every entry read;
/// entries are capped at 1 MiB, so no declared size can make the reader allocate more.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTar(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let reader = TarReader(
    source: MemorySource(Array(FuzzInput.bytes(data, size))), archivePath: "fuzz.tar",
    bufferSize: 512, contentLimit: 1 << 20)
  do {
    while let entry = try reader.next() {
      _ = try reader.withContents { $0.count == entry.size }
    }
  } catch let error as ArchiveError {
    _ = error.description
  } catch {
    fatalError("not an ArchiveError: \(error)")
  }
  return 0
}
