// swift-tools-version:6.0
import PackageDescription

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
    .target(
      name: "SentimentKit",
      dependencies: ["CZlib", "COpenBLAS"],
      swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
    .executableTarget(
      name: "sentiment",
      dependencies: [
        "SentimentKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "SentimentKitTests", dependencies: ["SentimentKit"]),
  ],
  swiftLanguageModes: [.v5]
)
