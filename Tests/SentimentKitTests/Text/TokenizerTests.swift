import SentimentKit
import XCTest

final class TokenizerTests: XCTestCase {
  private let tokenizer = Tokenizer()

  func testLowercasesWordsAndDropsPunctuation() {
    XCTAssertEqual(
      tokenizer.tokenize("Hello, World! It's 10/10."), ["hello", "world", "it's", "10", "10"])
    XCTAssertEqual(tokenizer.tokenize(""), [])
    XCTAssertEqual(tokenizer.tokenize(" \n\t-- "), [])
  }

  func testLineBreakTagsAreSpaces() {
    XCTAssertEqual(
      tokenizer.tokenize("one<br />two<br/>three<br>four<BR />five<br  />six"),
      ["one", "two", "three", "four", "five", "six"])
    // Anything else starting with "<br" is text: "<brand>" is the word "brand".
    XCTAssertEqual(tokenizer.tokenize("a<brand>b <br"), ["a", "brand", "b", "br"])
  }

  func testApostrophes() {
    XCTAssertEqual(
      tokenizer.tokenize("'quoted' don't ''' rock'n'roll students' 'tis"),
      ["quoted", "don't", "rock'n'roll", "students", "tis"])
    XCTAssertEqual(tokenizer.tokenize("Don\u{2019}t \u{2019}90s\u{2019}"), ["don't", "90s"])
  }

  func testUnicodeLettersAndDigits() {
    XCTAssertEqual(
      tokenizer.tokenize("Café NAÏVE Straße 東京 ΑΘΗΝΑ İstanbul ٣٤"),
      ["café", "naïve", "straße", "東京", "αθηνα", "i\u{307}stanbul", "٣٤"])
    // A combining accent stays in its word; dashes, ellipses and ½ separate.
    XCTAssertEqual(tokenizer.tokenize("cafe\u{301}—good…½"), ["cafe\u{301}", "good"])
  }

  func testKeepsCaseWhenAsked() {
    XCTAssertEqual(
      Tokenizer(lowercases: false).tokenize("The END, Ünïcode"), ["The", "END", "Ünïcode"])
  }

  func testForEachTokenMatchesTokenize() {
    let text = "An <br />EXAMPLE: naïve don’t, 'quote'."
    var tokens: [String] = []
    tokenizer.forEachToken(in: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
    XCTAssertEqual(tokens, tokenizer.tokenize(text))
  }
}
