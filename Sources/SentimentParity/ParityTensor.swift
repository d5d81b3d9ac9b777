import SentimentKit
/// One tensor of a parity file, `{"shape": [...], "data": [...]}`: its shape and its values in
/// row-major order (nested lists flattened), as PyTorch wrote them in float64.
public struct ParityTensor: Equatable, Sendable {
  /// PyTorch's shape, e.g. [3, 7, 5] for a batch-first x [B, T, I].
  public let shape: [Int]
  /// Row-major values; `shape`'s product of them.
  public let data: [Double]

  /// A tensor of the given shape; `data` must hold the product of `shape` values.
  public init(shape: [Int], data: [Double]) {
    precondition(
      shape.reduce(1, *) == data.count, "shape \(shape) does not hold \(data.count) values")
    self.shape = shape
    self.data = data
  }

  /// The tensor as a matrix: its first dimension as rows and the rest flattened into columns; a
  /// vector [n] becomes one row, as parameter sets hold biases.
  public func matrix<T: Scalar>(as: T.Type = T.self) -> Matrix<T> {
    let rows = shape.count > 1 ? shape[0] : 1
    return Matrix(rows: rows, cols: data.count / max(rows, 1), data: data.map { T($0) })
  }

  /// Index `i` of the first dimension: shape [D, B, H] gives block i of shape [B, H]
  /// (h_n[i]: direction i's final states).
  public subscript(i: Int) -> ParityTensor {
    let count = shape.dropFirst().reduce(1, *)
    return ParityTensor(
      shape: Array(shape.dropFirst()), data: Array(data[i * count..<(i + 1) * count]))
  }
}
