/// One named tensor of a parameter set, under PyTorch's state_dict name and shape (a bias of
/// shape [n] is held as a 1×n matrix).
public struct NamedTensor<T: Scalar> {
  /// State-dict name, e.g. "weight_ih_l0".
  public let name: String
  /// PyTorch shape: [rows, cols] for a matrix, [cols] for a vector.
  public let shape: [Int]
  /// The values (shared with the parameter set: writing here changes the parameter).
  public let value: Matrix<T>
  /// For a gradient whose layer records them (an embedding's): the rows written since the last
  /// `zero()`; every other row is zero, so zeroing, clipping and the finiteness check visit these
  /// rows alone. nil: any row may be non-zero.
  public let touchedRows: RowSet?

  /// A matrix parameter, shape [rows, cols], with the row set its gradient records, if any.
  public init(_ name: String, matrix value: Matrix<T>, touchedRows: RowSet? = nil) {
    self.init(name: name, shape: [value.rows, value.cols], value: value, touchedRows: touchedRows)
  }

  /// A vector parameter held as a 1×n matrix, shape [n].
  public init(_ name: String, vector value: Matrix<T>) {
    precondition(value.rows == 1, "vector parameter \(name) must be 1×n")
    self.init(name: name, shape: [value.cols], value: value)
  }

  /// A tensor with an explicit shape whose element count matches `value`.
  public init(name: String, shape: [Int], value: Matrix<T>, touchedRows: RowSet? = nil) {
    precondition(shape.reduce(1, *) == value.count, "shape \(shape) does not match \(value.rows)×\(value.cols)")
    precondition(
      touchedRows.map { $0.rowCount == value.rows } ?? true, "row set size differs from \(name)")
    self.name = name
    self.shape = shape
    self.value = value
    self.touchedRows = touchedRows
  }

  /// The same tensor under `prefix + name` (e.g. "lstm." + "weight_ih_l0").
  public func prefixed(_ prefix: String) -> NamedTensor {
    NamedTensor(name: prefix + name, shape: shape, value: value, touchedRows: touchedRows)
  }
}

/// A layer's parameters. Gradients have the same type (Swift for TensorFlow's TangentVector,
/// by hand), so optimizers walk parameters, gradients and their own state side by side.
public protocol ParameterSet {
  /// The scalar type.
  associatedtype T: Scalar
  /// Every tensor under its state_dict name, in a fixed order.
  var namedTensors: [NamedTensor<T>] { get }
  /// A set of the same shapes filled with zeros (fresh storage): a gradient accumulator.
  func zerosLike() -> Self
}

extension ParameterSet {
  /// Total number of scalars.
  public var scalarCount: Int { namedTensors.reduce(0) { $0 + $1.value.count } }

  /// Sets every tensor to zero, keeping the storage, and forgets any touched rows (a tensor that
  /// records them has only those rows to clear).
  @_specialize(where Self == ParameterList<Float>)
  public func zero() {
    for t in namedTensors {
      if let touched = t.touchedRows {
        t.value.zero(rows: touched.rows)
        touched.removeAll()
      } else {
        Matrix.forEachRun([t.value], concurrently: true) { x, n in x[0].update(repeating: 0, count: n) }
      }
    }
  }

  /// Copies every tensor's values (and touched rows) from `other`, which must have the same names
  /// and shapes.
  public func assign(_ other: Self) {
    for (a, b) in zip(namedTensors, other.namedTensors) {
      a.value.assign(b.value)
      if let rows = a.touchedRows, let source = b.touchedRows { rows.assign(source) }
    }
  }

  /// self += other, tensor by tensor (the same names and shapes): summing gradients of parts.
  /// Touched rows are joined.
  public func add(_ other: Self) {
    for (a, b) in zip(namedTensors, other.namedTensors) {
      a.value.add(b.value)
      if let rows = a.touchedRows, let source = b.touchedRows { for r in source.rows { rows.insert(r) } }
    }
  }

  /// An independent copy (fresh storage).
  public func copy() -> Self {
    let result = zerosLike()
    result.assign(self)
    return result
  }
}
