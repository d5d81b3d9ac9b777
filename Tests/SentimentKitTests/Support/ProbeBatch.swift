import SentimentKit

/// Random test data for one batch of sequence lengths: the input batch-first in the caller's
/// order (random at padded steps too, which must not matter), and fixed random loss weights for
/// L = Σ output ⊙ R + Σ final ⊙ S, R packed like the output and S in the layout's sorted order.
struct ProbeBatch {
  let layout: PackedLayout
  /// Padded steps T = the longest length.
  let steps: Int
  let inputSize: Int
  /// x, [B, T·I], caller's order.
  let x: Matrix<Double>
  /// R, [N, F]: weights of the packed output.
  let r: Matrix<Double>
  /// S, [B, F_final]: weights of the final summary, sorted order.
  let s: Matrix<Double>

  init(
    lengths: [Int], inputSize: Int, outputSize: Int, finalSize: Int,
    using generator: inout SplitMix64
  ) {
    layout = PackedLayout(lengths: lengths)
    steps = layout.steps
    self.inputSize = inputSize
    x = generator.matrix(rows: lengths.count, cols: steps * inputSize)
    r = generator.matrix(rows: layout.rowCount, cols: outputSize)
    s = generator.matrix(rows: lengths.count, cols: finalSize)
  }

  /// x packed, [N, I]: a fresh matrix on every call, so perturbing `x` shows through.
  var packedX: Matrix<Double> { layout.pack(batchFirst: x, features: inputSize) }

  /// Σ output ⊙ R + Σ final ⊙ S.
  func loss(output: Matrix<Double>, final: Matrix<Double>) -> Double {
    output.dot(r) + final.dot(s)
  }

  /// dL/dx batch-first from dL/dx packed.
  func unpack(inputGradient dx: Matrix<Double>) -> Matrix<Double> {
    layout.unpack(dx, paddedSteps: steps)
  }
}
