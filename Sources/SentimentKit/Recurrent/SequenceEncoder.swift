/// The recurrent part of a model seen from outside: packed sequences in (see `PackedLayout`),
/// every step's output and one summary per sequence out. `Recurrent`, `Bidirectional` and stacks
/// of them conform, so the classifier is written once for all of them.
public protocol SequenceEncoder<T> {
  /// The scalar type.
  associatedtype T: Scalar
  /// The weights (and gradients), under PyTorch's state_dict names.
  associatedtype Parameters: ParameterSet where Parameters.T == T
  /// What backward needs from forward.
  associatedtype Cache

  /// The current weights.
  var parameters: Parameters { get set }
  /// Features per input step.
  var inputSize: Int { get }
  /// Features per output step.
  var outputSize: Int { get }
  /// Features of each sequence's summary (its final state; both directions' for bidirectional).
  var finalSize: Int { get }
  /// Cores the encoder keeps busy by itself: 2 for a bidirectional layer (its directions run at
  /// once), 1 otherwise. A caller with more cores can split the batch.
  var concurrency: Int { get }

  /// Output [N, outputSize] packed like `x` (when `keepingOutput`; an encoder may skip putting
  /// it together otherwise, as training on the final summary alone does); final [B, finalSize]
  /// in the layout's sorted order.
  func encode(_ x: Matrix<T>, layout: PackedLayout, keepingOutput: Bool)
    -> (output: Matrix<T>?, final: Matrix<T>, cache: Cache)

  /// The final summary [B, finalSize] alone (sorted order), as `encode` gives it: for inference,
  /// which needs no per-step output and no cache.
  func summarize(_ x: Matrix<T>, layout: PackedLayout) -> Matrix<T>

  /// Adds weight gradients into `grads` from dL/d(output) and dL/d(final) (nil: zero) and
  /// returns dL/dx [N, inputSize].
  func backward(dOutput: Matrix<T>?, dFinal: Matrix<T>?, cache: Cache, into grads: inout Parameters)
    -> Matrix<T>
}

extension SequenceEncoder {
  /// One core: the encoder runs its steps in order.
  public var concurrency: Int { 1 }

  /// `encode`'s final summary (an encoder may skip the rest).
  public func summarize(_ x: Matrix<T>, layout: PackedLayout) -> Matrix<T> {
    encode(x, layout: layout, keepingOutput: false).final
  }

  /// Output [N, outputSize] packed like `x`; final [B, finalSize] in the layout's sorted order.
  public func encode(_ x: Matrix<T>, layout: PackedLayout)
    -> (output: Matrix<T>, final: Matrix<T>, cache: Cache)
  {
    let (output, final, cache) = encode(x, layout: layout, keepingOutput: true)
    guard let output else { preconditionFailure("the output was kept") }
    return (output, final, cache)
  }
}
