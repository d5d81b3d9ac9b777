import SentimentKit
/// Collects the quantities of one parity case as a runner compares them: each of our results
/// against the file's reference, under the tolerance of its kind.
struct ParityComparison {
  /// The case's file.
  let file: ParityFile
  /// The tolerance of each kind.
  let tolerances: ParityTolerances
  /// Every quantity compared so far.
  private(set) var quantities: [ParityQuantity] = []

  /// A comparison of nothing yet.
  init(_ file: ParityFile, _ tolerances: ParityTolerances) {
    self.file = file
    self.tolerances = tolerances
  }

  /// Compares `actual` with `expected` element by element (row-major, the same count).
  mutating func compare<T: Scalar>(
    _ name: String, _ kind: ParityQuantity.Kind, _ actual: Matrix<T>, _ expected: ParityTensor
  ) {
    compare(name, kind, actual.scalars.map { Double($0) }, expected.data)
  }

  /// Compares `actual` with `expected` element by element.
  mutating func compare(
    _ name: String, _ kind: ParityQuantity.Kind, _ actual: [Double], _ expected: [Double]
  ) {
    let tolerance = tolerances.tolerance(for: kind)
    quantities.append(
      ParityQuantity(
        name: name, kind: kind, tolerance: tolerance,
        deviation: Deviation(actual: actual, expected: expected, tolerance: tolerance)))
  }

  /// The finished result.
  func result(model: String, sizes: [(name: String, value: Int)]) -> ParityResult {
    ParityResult(file: file.name, model: model, sizes: sizes, quantities: quantities)
  }
}
