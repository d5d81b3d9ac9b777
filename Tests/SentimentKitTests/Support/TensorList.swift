import SentimentKit

/// A parameter set of arbitrary named tensors, for tests that need tensors but no layer
/// (optimizers, checkpoints).
struct TensorList<T: Scalar>: ParameterSet {
  let namedTensors: [NamedTensor<T>]

  /// Tensors of the given names and shapes; values row-major, or zeros when omitted.
  init(_ specs: [(name: String, shape: [Int], values: [T]?)]) {
    namedTensors = specs.map { spec in
      let count = spec.shape.reduce(1, *)
      let rows = spec.shape.count > 1 ? spec.shape[0] : 1
      let value = Matrix(
        rows: rows, cols: count / max(rows, 1), data: spec.values ?? [T](repeating: 0, count: count)
      )
      return NamedTensor(name: spec.name, shape: spec.shape, value: value)
    }
  }

  func zerosLike() -> TensorList { TensorList(namedTensors.map { ($0.name, $0.shape, nil) }) }
}

extension TensorList {
  /// One vector tensor, shape [values.count].
  static func vector(_ name: String, _ values: [T]) -> TensorList {
    TensorList([(name, [values.count], values)])
  }
}
