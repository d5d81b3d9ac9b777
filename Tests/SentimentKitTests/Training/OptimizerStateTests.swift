import Foundation
import SentimentKit
import XCTest

/// Saving an optimizer's state tensors and step count in a safetensors file and loading them into
/// a fresh optimizer resumes training bit for bit (Float, as training runs).
final class OptimizerStateTests: XCTestCase {
  func testSGDMomentumResumesExactly() throws {
    try assertResumesExactly { SGD(for: $0, learningRate: 0.05, momentum: 0.9, weightDecay: 1e-4) }
  }

  func testRMSpropResumesExactly() throws {
    try assertResumesExactly { RMSprop(for: $0, learningRate: 0.01) }
  }

  func testAdamResumesExactly() throws {
    try assertResumesExactly { Adam(for: $0, learningRate: 0.01, weightDecay: 1e-4) }
  }

  /// Runs two updates, checkpoints parameters and optimizer, restores both into fresh objects, then
  /// takes a third update on each: the results must be identical.
  func assertResumesExactly<O: Optimizer>(
    _ make: (TensorList<Float>) -> O, file: StaticString = #filePath, line: UInt = #line
  ) throws where O.Parameters == TensorList<Float> {
    var random = SplitMix64(seed: 40)
    func tensors() -> TensorList<Float> {
      TensorList([
        ("weight", [3, 4], random.matrix(rows: 3, cols: 4, as: Float.self).scalars),
        ("bias", [3], random.matrix(rows: 1, cols: 3, as: Float.self).scalars),
      ])
    }
    let parameters = tensors()
    let gradients = (0..<3).map { _ in tensors() }
    var original = make(parameters)
    original.update(parameters, along: gradients[0])
    original.update(parameters, along: gradients[1])

    let folder = try temporaryDirectory()
    let weightsURL = folder.appendingPathComponent("model.safetensors")
    let stateURL = folder.appendingPathComponent("optimizer.safetensors")
    try Safetensors.write(parameters, to: weightsURL)
    try Safetensors.write(
      original.stateTensors, metadata: ["step": "\(original.stepCount)"], to: stateURL)

    let restoredParameters = parameters.zerosLike()
    try Safetensors(contentsOf: weightsURL).load(into: restoredParameters)
    var restored = make(restoredParameters)
    let state = try Safetensors(contentsOf: stateURL)
    try state.load(into: restored.stateTensors)
    restored.stepCount = try XCTUnwrap(state.metadata["step"].flatMap { Int($0) })

    original.update(parameters, along: gradients[2])
    restored.update(restoredParameters, along: gradients[2])
    XCTAssertEqual(restored.stepCount, 3, file: file, line: line)
    for (a, b) in zip(parameters.namedTensors, restoredParameters.namedTensors) {
      XCTAssertEqual(
        a.value.scalars, b.value.scalars, "\(a.name) after resuming", file: file, line: line)
    }
  }
}
