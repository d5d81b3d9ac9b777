import SentimentKit
import XCTest

final class SplitMix64Tests: XCTestCase {
  // Reference outputs of Vigna's splitmix64.c for seeds 0 and 1234567.
  func testMatchesTheReferenceStream() {
    var zero = SplitMix64(seed: 0)
    XCTAssertEqual(
      [zero.next(), zero.next(), zero.next()],
      [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    var other = SplitMix64(seed: 1_234_567)
    XCTAssertEqual(
      [other.next(), other.next(), other.next()],
      [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
  }
}
