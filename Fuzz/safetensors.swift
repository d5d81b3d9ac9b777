import Foundation
import SentimentKit

/// libFuzzer target: any bytes as a .safetensors file: the header parsed and checked, then every
/// tensor of at most a million elements read as Float.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let path = FuzzInput.write(FuzzInput.bytes(data, size), to: "input.safetensors")
  do {
    let file = try Safetensors(contentsOf: URL(fileURLWithPath: path))
    for entry in file.entries where entry.elementCount <= 1 << 20 {
      _ = try file.matrix(entry.name, as: Float.self)
    }
  } catch let error as SafetensorsError {
    _ = error.description
  } catch {
    fatalError("not a SafetensorsError: \(error)")
  }
  return 0
}
