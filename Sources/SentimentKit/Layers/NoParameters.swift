/// The parameter set of a layer without weights (dropout): no tensors.
public struct NoParameters<T: Scalar>: ParameterSet {
  /// The empty set.
  public init() {}

  /// No tensors.
  public var namedTensors: [NamedTensor<T>] { [] }

  /// Another empty set.
  public func zerosLike() -> NoParameters { NoParameters() }
}
