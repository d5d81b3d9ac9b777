/// Parameters every recurrent cell has, under PyTorch's names and layout, G gate blocks of H rows:
/// W ≙ weight_ih [G·H, I], U ≙ weight_hh [G·H, S] (S = state width), b_ih and b_hh [G·H] each.
public protocol RecurrentParameters: ParameterSet {
  /// W, [G·H, I], "weight_ih_l0".
  var weightIH: Matrix<T> { get }
  /// U, [G·H, S], "weight_hh_l0".
  var weightHH: Matrix<T> { get }
  /// b_ih, 1×G·H, "bias_ih_l0".
  var biasIH: Matrix<T> { get }
  /// b_hh, 1×G·H, "bias_hh_l0".
  var biasHH: Matrix<T> { get }
}

/// This step's slices of the `Recurrent` layer's buffers, `b` active rows each.
public struct StepBuffers<T: Scalar> {
  /// [b, G·H]: W x_t + b_ih; for a cell that `readsGateSum`, the whole sum a = gx + gh. The cell
  /// may overwrite it with what backward needs (gate values).
  public let gx: Matrix<T>
  /// [b, G·H]: U h_{t−1} + b_hh for the first `projectedWidth` columns, b_hh alone beyond; no
  /// columns for a cell that `readsGateSum`. The cell may overwrite it likewise.
  public let gh: Matrix<T>
  /// [b, ·]: the state before this step.
  public let previous: CellState<T>
  /// [b, ·]: the state after this step; forward writes it.
  public let next: CellState<T>
  /// [b, cacheWidth]: the cell's own scratch, kept for backward.
  public let cache: Matrix<T>
}

/// Gradients flowing through one step, `b` active rows each.
public struct StepGradients<T: Scalar> {
  /// dL/d(state after the step), read by the cell (it may overwrite it).
  public let dNext: CellState<T>
  /// dL/d gx, written by the cell.
  public let dgx: Matrix<T>
  /// dL/d gh (all G·H columns), written by the cell; the same matrix as `dgx` for a cell that
  /// `readsGateSum`, which then writes dgx alone.
  public let dgh: Matrix<T>
  /// dL/d(state before the step), written (=, not +=) by the cell, leaving out the term
  /// dgh[:, ..<projectedWidth] · U, which `Recurrent` adds.
  public let dPrevious: CellState<T>
}

/// One step of a recurrent network as pure elementwise work. `Recurrent` does every matrix
/// product that can be batched: W x_t for all steps at once, U h_{t−1} per step, and the weight
/// gradients of both after the loop; the cell turns gx and gh into the next state and back.
public protocol RecurrentCell<T> {
  /// The scalar type.
  associatedtype T: Scalar
  /// The weights (and gradients).
  associatedtype Parameters: RecurrentParameters where Parameters.T == T

  /// The current weights.
  var parameters: Parameters { get set }
  /// I: input features per step.
  var inputSize: Int { get }
  /// S: width of the state h that is emitted and fed back.
  var stateSize: Int { get }
  /// Whether the state has an LSTM memory cell c [B, H].
  var hasCellMemory: Bool { get }
  /// Width of c when `hasCellMemory`.
  var memorySize: Int { get }
  /// Leading columns of gh that `Recurrent` computes as h_{t−1} · U[..<w]ᵀ (G·H unless the cell
  /// multiplies part of U itself, as Cho's GRU does with r ⊙ h_{t−1}).
  var projectedWidth: Int { get }
  /// Columns of per-row scratch a step keeps for backward; `forward` writes all of them.
  var cacheWidth: Int { get }
  /// Whether the cell reads gx and gh only through their sum a = gx + gh (Elman, Jordan, LSTM; not
  /// GRU, whose reset gate scales part of gh). `Recurrent` then forms a in gx itself (b_hh joins
  /// gx's bias, each step's h_{t−1} U ᵀ is added into gx's rows) and passes an empty gh; backward,
  /// dgh = dgx, one matrix, whose column sums serve both biases.
  var readsGateSum: Bool { get }

  /// Computes `step.next` from gx, gh and `step.previous`.
  func forward(_ step: StepBuffers<T>)
  /// Writes dgx, dgh and dPrevious from dNext; adds (+=) any gradient `Recurrent` does not
  /// compute (parameters beyond W, U, b_ih, b_hh, or U's columns past `projectedWidth`).
  func backward(_ step: StepBuffers<T>, _ gradients: StepGradients<T>, into grads: inout Parameters)
}

extension RecurrentCell {
  /// G·H: rows of W and U.
  public var gateWidth: Int { parameters.weightIH.rows }
  /// Most cells let `Recurrent` multiply all of U.
  public var projectedWidth: Int { gateWidth }
  /// Most cells keep nothing beyond gx and gh.
  public var cacheWidth: Int { 0 }
  /// Most cells read only a = gx + gh.
  public var readsGateSum: Bool { true }
  /// Only the LSTM has a memory cell.
  public var hasCellMemory: Bool { false }
  /// Only the LSTM has a memory cell.
  public var memorySize: Int { 0 }
  /// I, from W's shape.
  public var inputSize: Int { parameters.weightIH.cols }
  /// S, from U's shape.
  public var stateSize: Int { parameters.weightHH.cols }

  /// A zero state for `batch` rows.
  public func zeroState(batch: Int) -> CellState<T> {
    CellState(
      h: Matrix(rows: batch, cols: stateSize),
      c: hasCellMemory ? Matrix(rows: batch, cols: memorySize) : nil)
  }
}
