import Foundation
import SentimentKit
import SentimentParity
import XCTest

/// `sentiment bench`'s parity section end to end, on a small synthetic archive with no models
/// timed (`--models ""`: the data stages only).
final class BenchCommandTests: XCTestCase {
  /// The shared cases pass and land in the report and in `--json`'s "parity" list; a perturbed
  /// case is reported as missed, the report is still written and the exit status is 1; a missing
  /// folder is said in the report and does not stop the bench.
  func testParitySectionReportsAndFlagsMisses() throws {
    _ = try SentimentTool.url()
    let shared = try ParityFile.shared()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 20, into: folder)
    func bench(parity: String, report: String, _ extra: [String] = []) throws
      -> SentimentTool.Outcome
    {
      try SentimentTool.run(
        ["bench", "--data", archive, "--models", "", "--parity", parity, "--report", report]
          + extra, in: folder)
    }
    func read(_ report: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(report), encoding: .utf8)
    }

    let passing = try bench(
      parity: Fixtures.shared.appendingPathComponent("parity").path, report: "pass.md", ["--json"])
    XCTAssertEqual(passing.status, 0, passing.errors)
    let json = try JSONSerialization.jsonObject(with: Data(passing.output.utf8)) as? [String: Any]
    let entries = try XCTUnwrap(json?["parity"] as? [[String: Any]], passing.output)
    XCTAssertEqual(
      entries.compactMap { $0["name"] as? String },
      shared.map { String($0.name.dropLast(".json".count)) })
    for entry in entries {
      XCTAssertEqual(entry["passed"] as? Bool, true, "\(entry)")
      XCTAssertNotNil(entry["max_output_error"] as? Double, "\(entry)")
      XCTAssertNotNil(entry["max_gradient_error"] as? Double, "\(entry)")
    }
    XCTAssertTrue(
      try read("pass.md").contains("## Parity with PyTorch (Float, the training code path)"))
    XCTAssertTrue(try read("pass.md").contains("| all \(shared.count): met |"))

    let missFolder = folder.appendingPathComponent("miss")
    try FileManager.default.createDirectory(at: missFolder, withIntermediateDirectories: true)
    let parity = try XCTUnwrap(shared.first)
    let name = try XCTUnwrap(try parity.keys("grad").first)
    let reference = try parity.tensor("grad", name)
    let perturbed = parity.replacing(
      ["grad", name],
      with: ParityTensor(shape: reference.shape, data: reference.data.map { $0 + 1e-2 }))
    try JSONSerialization.data(withJSONObject: perturbed.json)
      .write(to: missFolder.appendingPathComponent(parity.name))
    let missed = try bench(parity: "miss", report: "miss.md")
    XCTAssertEqual(missed.status, 1, missed.output)
    XCTAssertTrue(missed.errors.contains("parity with PyTorch missed"), missed.errors)
    XCTAssertTrue(missed.errors.contains("\(parity.name): d\(name)"), missed.errors)
    XCTAssertTrue(try read("miss.md").contains("| MISSED |"))

    let nowhere = try bench(parity: "nowhere", report: "none.md")
    XCTAssertEqual(nowhere.status, 0, nowhere.errors)
    XCTAssertTrue(try read("none.md").contains("No parity folder at nowhere"))
  }
}
