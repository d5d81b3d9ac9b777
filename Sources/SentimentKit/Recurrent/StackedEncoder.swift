import Foundation

/// Encoders stacked in depth: layer k reads layer k−1's per-step output (PyTorch's
/// `num_layers`). Its output and final summary are the top layer's.
public struct StackedEncoder<Layer: SequenceEncoder>: SequenceEncoder {
  /// Scalar type.
  public typealias T = Layer.T

  /// Every layer's weights, layer k's names renamed "_l0" → "_lk" (PyTorch's "weight_ih_l1",
  /// "weight_ih_l1_reverse", …), bottom layer first.
  public struct Parameters: ParameterSet {
    /// Bottom first.
    public let layers: [Layer.Parameters]

    /// The layers' weights, bottom first.
    public init(layers: [Layer.Parameters]) { self.layers = layers }

    /// Layer 0's tensors, then layer 1's, ….
    public var namedTensors: [NamedTensor<T>] {
      layers.enumerated().flatMap { k, parameters in
        parameters.namedTensors.map {
          NamedTensor(
            name: $0.name.replacingOccurrences(of: "_l0", with: "_l\(k)"), shape: $0.shape,
            value: $0.value)
        }
      }
    }

    /// Zeros of the same shapes.
    public func zerosLike() -> Parameters { Parameters(layers: layers.map { $0.zerosLike() }) }
  }

  /// Bottom first; layer k's input size is layer k−1's output size.
  public var layers: [Layer]

  /// A stack of `layers`, bottom first.
  public init(_ layers: [Layer]) {
    precondition(!layers.isEmpty, "a stack needs a layer")
    for k in layers.indices.dropFirst() {
      precondition(
        layers[k].inputSize == layers[k - 1].outputSize,
        "layer \(k) reads \(layers[k].inputSize) features, layer \(k - 1) writes \(layers[k - 1].outputSize)"
      )
    }
    self.layers = layers
  }

  /// Every layer's weights.
  public var parameters: Parameters {
    get { Parameters(layers: layers.map(\.parameters)) }
    set { for k in layers.indices { layers[k].parameters = newValue.layers[k] } }
  }
  /// The bottom layer's input size.
  public var inputSize: Int { layers[0].inputSize }
  /// The top layer's output size.
  public var outputSize: Int { layers[layers.count - 1].outputSize }
  /// The top layer's final size.
  public var finalSize: Int { layers[layers.count - 1].finalSize }
  /// The most any layer keeps busy (layers run one after another).
  public var concurrency: Int { layers.map(\.concurrency).max() ?? 1 }

  /// Every layer's cache, bottom first.
  public struct Cache {
    let layers: [Layer.Cache]
  }

  /// Runs the layers bottom to top; output and final are the top layer's.
  public func encode(_ x: Matrix<T>, layout: PackedLayout, keepingOutput: Bool) -> (
    output: Matrix<T>?, final: Matrix<T>, cache: Cache
  ) {
    var input: Matrix<T>? = x
    var final = x
    var caches = [Layer.Cache]()
    for (index, layer) in layers.enumerated() {
      guard let below = input else { preconditionFailure("lower layers keep their output") }
      let keeping = keepingOutput || index < layers.count - 1  // the next layer reads it
      let result = layer.encode(below, layout: layout, keepingOutput: keeping)
      input = result.output
      final = result.final
      caches.append(result.cache)
    }
    return (input, final, Cache(layers: caches))
  }

  /// Top to bottom: dL/d(final) enters the top layer only; each layer's dL/dx is the dL/d(output)
  /// of the one below.
  public func backward(
    dOutput: Matrix<T>?, dFinal: Matrix<T>?, cache: Cache, into grads: inout Parameters
  ) -> Matrix<T> {
    let top = layers.count - 1
    var d = dOutput
    for k in layers.indices.reversed() {
      var g = grads.layers[k]  // a handle: writes land in grads
      d = layers[k].backward(
        dOutput: d, dFinal: k == top ? dFinal : nil, cache: cache.layers[k], into: &g)
    }
    guard let d else { preconditionFailure("a stack has at least one layer") }
    return d
  }
}
