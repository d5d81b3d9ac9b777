import SentimentKit
import SentimentParity
import XCTest

/// The runner `sentiment bench` reports (`ParityFile.runTrainingPath`): it knows every shared
/// case by its description, holds Float to the parity README's tolerances, flags a reference it
/// does not match, and names the file and field of a malformed one.
final class ParityRunnerTests: XCTestCase {
  /// The bench's default tolerances are the ones `RecurrentParityTests` and
  /// `ClassifierParityTests` hold Float to: 1e-5 relative (1e-6 floor) on outputs, the loss and
  /// the weights after Adam; 1e-4 (1e-5 floor) on gradients.
  func testBenchToleranceIsTheReadmes() {
    XCTAssertEqual(ParityTolerances.float.outputs, Tolerance(relative: 1e-5, absolute: 1e-6))
    XCTAssertEqual(ParityTolerances.float.gradients, Tolerance(relative: 1e-4, absolute: 1e-5))
    XCTAssertEqual(ParityTolerances.float.afterAdam, Tolerance(relative: 1e-5, absolute: 1e-6))
  }

  /// Every shared file is recognised, runs and passes, as the bench runs it.
  func testEverySharedCaseRunsAndPasses() throws {
    for parity in try ParityFile.shared() {
      XCTAssertNoThrow(try assertPassed(parity.runTrainingPath(), "bench"), parity.name)
    }
  }

  /// One reference gradient moved by 1e-2 (a hundred times the Float gradient tolerance at this
  /// scale) fails that gradient, and only that one, in every shared case.
  func testPerturbedGradientFails() throws {
    for parity in try ParityFile.shared() {
      let name = try XCTUnwrap(try parity.keys("grad").first)
      let reference = try parity.tensor("grad", name)
      var data = reference.data
      data[0] += 1e-2
      let perturbed = parity.replacing(
        ["grad", name], with: ParityTensor(shape: reference.shape, data: data))
      let result = try perturbed.runTrainingPath()
      XCTAssertFalse(result.passed, "\(parity.name): d\(name) moved by 1e-2")
      XCTAssertEqual(result.failures.map(\.name), ["d\(name)"], parity.name)
      XCTAssertEqual(try XCTUnwrap(result.maxError(.gradient)), 1e-2, accuracy: 1e-4, parity.name)
      XCTAssertEqual(try XCTUnwrap(result.failures.first?.deviation.worst?.index), 0, parity.name)
    }
  }

  /// A moved output fails as well (outputs, not gradients).
  func testPerturbedOutputFails() throws {
    let parity = try layerCase()
    let reference = try parity.tensor("h_n")
    let perturbed = parity.replacing(
      ["h_n"], with: ParityTensor(shape: reference.shape, data: reference.data.map { $0 + 1e-3 }))
    let result = try perturbed.runTrainingPath()
    XCTAssertFalse(result.passed)
    XCTAssertEqual(Set(result.failures.map(\.kind)), [.output])
    XCTAssertEqual(try XCTUnwrap(result.maxError(.output)), 1e-3, accuracy: 1e-5)
  }

  /// A missing tensor, a missing weight and a tensor of the wrong shape are errors that name the
  /// file and the field.
  func testMalformedFilesNameTheFileAndField() throws {
    let parity = try layerCase()
    let x = try parity.tensor("x")
    XCTAssertThrowsError(try parity.replacing(["x"], with: nil).runTrainingPath()) { error in
      XCTAssertEqual(error as? ParityFileError, .missingField(file: parity.name, field: "x"))
      XCTAssertEqual("\(error)", "\(parity.name): missing field 'x'")
    }
    let wrong = ParityTensor(shape: [x.shape[0], 1], data: Array(x.data.prefix(x.shape[0])))
    XCTAssertThrowsError(try parity.replacing(["x"], with: wrong).runTrainingPath()) { error in
      XCTAssertEqual(
        error as? ParityFileError,
        .wrongShape(file: parity.name, field: "x", found: wrong.shape, expected: x.shape))
    }
    XCTAssertThrowsError(
      try parity.replacing(["weights", "weight_hh_l0"], with: nil).runTrainingPath()
    ) { error in
      XCTAssertEqual(
        error as? ParityFileError,
        .names(file: parity.name, field: "weights", missing: ["weight_hh_l0"], unexpected: []))
    }
    XCTAssertThrowsError(
      try parity.replacing(
        ["grad", "x"], with: ["shape": [2], "data": [1.0, "one"] as [Any]] as [String: Any]
      ).runTrainingPath()
    ) { error in
      XCTAssertEqual(
        error as? ParityFileError,
        .malformedField(file: parity.name, field: "grad.x", expected: "a tensor of numbers only"))
    }
  }

  /// A description that names no model modelled here, or a setting not modelled, is refused
  /// rather than compared against the wrong thing.
  func testUnknownModelsAreRefused() throws {
    let parity = try layerCase()
    let transformer = parity.replacing(["description"], with: "torch.nn.Transformer(d_model=4)")
    XCTAssertNil(try ParityCase(transformer))
    XCTAssertThrowsError(try transformer.runTrainingPath()) { error in
      guard case .unsupported(let file, _)? = error as? ParityFileError else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(file, parity.name)
    }
    let stacked = parity.replacing(
      ["description"],
      with: parity.description.replacingOccurrences(of: "(", with: "(num_layers=2, "))
    XCTAssertThrowsError(try stacked.runTrainingPath()) { error in
      XCTAssertEqual(
        error as? ParityFileError,
        .unsupported(file: parity.name, what: "num_layers=2 in the description"))
    }
  }

  /// The first shared torch.nn layer case (whichever it is: found by its description).
  private func layerCase() throws -> ParityFile {
    try XCTUnwrap(
      try ParityFile.shared().first { (try? TorchLayer(describedIn: $0)) != nil },
      "no torch.nn layer case in the parity folder")
  }
}
