/// What a recurrent cell carries from one step to the next, for a block of rows:
/// `h` [B, outputSize] is what the step emits and feeds back (Jordan: its output y_t), and
/// `c` [B, H] is the LSTM's memory cell (nil for the other cells).
/// Gradients of a state have the same type.
public struct CellState<T: Scalar> {
  /// Emitted, fed-back state.
  public var h: Matrix<T>
  /// LSTM memory; nil for cells without one.
  public var c: Matrix<T>?

  /// A state of the given parts.
  public init(h: Matrix<T>, c: Matrix<T>? = nil) {
    self.h = h
    self.c = c
  }

  /// Rows `range` of every part, as views.
  public func rows(_ range: Range<Int>) -> CellState {
    CellState(h: h.rows(range), c: c?.rows(range))
  }

  /// Copies `other`'s parts into this state's (views of the same shapes).
  public func assign(_ other: CellState) {
    h.assign(other.h)
    if let c, let otherC = other.c { c.assign(otherC) }
  }
}
