import SentimentKit
import XCTest

/// Runs `optimizer` on `parameters` along each gradient in turn (one vector tensor each) and
/// returns the parameter values after every step.
func trajectory<O: Optimizer>(
  of optimizer: inout O, _ parameters: TensorList<Double>, gradients: [[Double]]
) -> [[Double]] where O.Parameters == TensorList<Double> {
  gradients.map { g in
    let name = parameters.namedTensors[0].name
    optimizer.update(parameters, along: TensorList.vector(name, g))
    return parameters.namedTensors[0].value.scalars
  }
}

/// Asserts two trajectories agree elementwise: |a − e| ≤ 1e-15 + rtol·max(|a|, |e|).
func assertTrajectory(
  _ actual: [[Double]], _ expected: [[Double]], relative rtol: Double,
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(
    actual.map(\.count), expected.map(\.count), "steps and sizes", file: file, line: line)
  for (step, (a, e)) in zip(actual, expected).enumerated() {
    assertClose(
      Matrix(rows: 1, cols: a.count, data: a), Matrix(rows: 1, cols: e.count, data: e),
      relative: rtol, absolute: 1e-15, "step \(step + 1)", file: file, line: line)
  }
}
