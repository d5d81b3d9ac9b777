/// Named tensors of any model as one parameter set, in a fixed order: what optimizers, clipping
/// and checkpoints walk when the model's own parameter type is hidden behind `SentimentModel`.
/// The tensors are views: updating them updates the model.
public struct ParameterList<T: Scalar>: ParameterSet {
  /// The tensors.
  public let namedTensors: [NamedTensor<T>]

  /// A list of `tensors` (shared, not copied).
  public init(_ tensors: [NamedTensor<T>]) { namedTensors = tensors }

  /// Zeros of the same names and shapes, fresh storage.
  public func zerosLike() -> ParameterList {
    ParameterList(
      namedTensors.map {
        NamedTensor(name: $0.name, shape: $0.shape, value: Matrix(rows: $0.value.rows, cols: $0.value.cols))
      })
  }
}
