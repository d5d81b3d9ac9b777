import SentimentKit
import SentimentParity
import XCTest

/// Elman, LSTM and GRU layers, one- and two-directional, against torch.nn.RNN, nn.LSTM and nn.GRU:
/// float64 reference vectors in ../shared/parity, written by PyTorch (each file's `generator`
/// field names the version and seed). Every file whose description starts with one of those
/// constructors is checked, chosen by its description and fields, not its name; others are left
/// to their owners. Loss = Σ output ⊙ R + Σ h_n ⊙ S (+ Σ c_n ⊙ S_c); checked: output, h_n, c_n,
/// dL/dx and every weight gradient (`TorchLayer.run`, the same runner `sentiment bench` reports).
final class RecurrentParityTests: XCTestCase {
  /// Both sides compute in float64; sums taken in another order differ by a few ulps (~1e-16
  /// relative), so 1e-9 relative + 1e-12 absolute is loose and yet catches any formula error.
  func testDoubleMatchesPyTorch() throws {
    try checkEveryCase(
      Double.self,
      ParityTolerances(
        outputs: Tolerance(relative: 1e-9, absolute: 1e-12),
        gradients: Tolerance(relative: 1e-9, absolute: 1e-12)))
  }

  /// Float (ε ≈ 1.2e-7) against the float64 reference, as the parity README says: 1e-5 relative on
  /// outputs and states, 1e-4 on gradients, each with an absolute floor a tenth of that (1e-6,
  /// 1e-5) for values near zero, where float32 rounding of O(1) terms dominates.
  func testFloatMatchesPyTorch() throws {
    try checkEveryCase(
      Float.self,
      ParityTolerances(
        outputs: Tolerance(relative: 1e-5, absolute: 1e-6),
        gradients: Tolerance(relative: 1e-4, absolute: 1e-5)))
  }

  /// Checks every layer case in `T`; a file that cannot be read or modelled fails on its own,
  /// and the others are still checked.
  private func checkEveryCase<T: Scalar>(_: T.Type, _ tolerances: ParityTolerances) throws {
    try checkEveryParityCase("torch.nn.RNN/LSTM/GRU", "\(T.self)") { parity in
      try TorchLayer(describedIn: parity).map {
        try $0.run(parity, as: T.self, tolerances: tolerances)
      }
    }
  }
}
