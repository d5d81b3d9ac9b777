// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Release builds target AVX-512 (skylake-avx512) or else AVX2 + FMA (haswell) when the building
/// machine has them, so the vectorised gate and optimizer loops use its widest registers;
/// elsewhere the compiler's baseline. SENTIMENT_TARGET_CPU overrides. On AVX-512 the compiler's
/// preference for 256-bit loops (its default tuning for that CPU) is turned off: the gate loops
/// ran 10–15% faster with 512-bit vectors here. WIDE_VECTORS tells the panel products (PanelRow)
/// that 32 vector registers are there to hold their wider blocks.
let targetCPU: String? = {
  if let cpu = ProcessInfo.processInfo.environment["SENTIMENT_TARGET_CPU"] { return cpu.isEmpty ? nil : cpu }
  guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
    let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
  else { return nil }
  let set = Set(flags.split(separator: " "))
  if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy({ set.contains(Substring($0)) }) {
    return "skylake-avx512"
  }
  return set.contains("avx2") && set.contains("fma") ? "haswell" : nil
}()
let optimisation: [SwiftSetting] = targetCPU.map { cpu in
  let release = BuildSettingCondition.when(configuration: .release)
  guard cpu.contains("avx512") else { return [.unsafeFlags(["-target-cpu", cpu], release)] }
  let wideVectors = ["-Xcc", "-Xclang", "-Xcc", "-target-feature", "-Xcc", "-Xclang", "-Xcc", "-prefer-256-bit"]
  return [.unsafeFlags(["-target-cpu", cpu] + wideVectors, release), .define("WIDE_VECTORS", release)]
} ?? []

let package = Package(
  name: "Sentiment",
  products: [
    .library(name: "SentimentKit", targets: ["SentimentKit"]),
    .executable(name: "sentiment", targets: ["sentiment"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CLiblinear", providers: [.apt(["liblinear-dev"])]),
    .systemLibrary(
      name: "CMPI", pkgConfig: "ompi", providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
    .target(
      name: "SentimentKit",
      dependencies: ["CZlib", "COpenBLAS", "CLiblinear", "CMPI"],
      swiftSettings: optimisation),
    .target(
      name: "SentimentParity", dependencies: ["SentimentKit"], swiftSettings: optimisation),
    .target(
      name: "SentimentBench", dependencies: ["SentimentKit", "SentimentParity"],
      swiftSettings: optimisation),
    .executableTarget(
      name: "sentiment",
      dependencies: [
        "SentimentKit", "SentimentParity", "SentimentBench",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(
      name: "SentimentKitTests", dependencies: ["SentimentKit", "SentimentParity", "SentimentBench"]),
  ],
  swiftLanguageModes: [.v5]
)
