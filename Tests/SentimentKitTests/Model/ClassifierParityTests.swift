import SentimentKit
import SentimentParity
import XCTest

/// The whole classifier against PyTorch: every ../shared/parity file whose description starts with
/// "Embedding(" (today classifier_bilstm_adam.json, written by torch 2.15 in float64 with seed 1234,
/// as its `generator` field says). Such a file describes Embedding → (bi)directional recurrent
/// layer over the valid steps → h_n (both directions' side by side) → Linear(·, 2) → log_softmax,
/// loss the mean NLL, then one torch.optim.Adam step from zero moments. The model and the optimizer
/// settings are read from the description and the fields (vocab, embed, hidden, ids, lengths,
/// labels), never from the file name (`ClassifierSpec`). Checked: log-probabilities, loss, every
/// gradient, and every parameter after the Adam step; in Double on a `Classifier` assembled by
/// hand, and in Float on the model `ModelFactory` builds, trained one step by `TrainingStep` (what
/// `sentiment bench` reports).
final class ClassifierParityTests: XCTestCase {
  /// Both sides compute in float64 and differ only in summation order (a few ulps, ~1e-16
  /// relative), so 1e-9 relative with a 1e-12 floor (for the exact zeros of unused embedding rows)
  /// is loose yet catches any formula error, as in `RecurrentParityTests`; gradients likewise.
  ///
  /// After Adam, 1e-12 relative and absolute (as `AdamTests` uses on torch's own gradients): the
  /// first step moves a weight by lr·g/(|g| + ε) ≈ ±lr, and a gradient error δg moves that by about
  /// lr·ε·δg/g². The smallest |g| in the file is 2.7e-6 and δg ≲ 1e-9·|g| here, which bounds the
  /// effect by ~1e-15, far inside 1e-12; weights are O(0.5), so their own rounding is ~1e-16.
  func testDoubleClassifierMatchesPyTorch() throws {
    let tolerances = ParityTolerances(
      outputs: Tolerance(relative: 1e-9, absolute: 1e-12),
      gradients: Tolerance(relative: 1e-9, absolute: 1e-12),
      afterAdam: Tolerance(relative: 1e-12, absolute: 1e-12))
    try checkEveryCase("Double") { spec, parity in
      try spec.runAssembled(parity, as: Double.self, tolerances: tolerances)
    }
  }

  /// Float (ε ≈ 1.2e-7) against float64, as the parity README says: 1e-5 relative with a 1e-6
  /// floor for the log-probabilities, the loss and every parameter after the step, and 1e-4 with
  /// a 1e-5 floor for the gradients. Weights are O(0.5), stored to ~3e-8; the step itself is
  /// ≈ ±lr = ±0.01 and inherits the gradients' float error only through lr·ε·δg/g² (≲ 1e-9 here,
  /// |g| ≥ 2.7e-6 with δg ≲ 1e-4·|g|).
  func testFloatModelFromTheFactoryTrainsLikePyTorch() throws {
    let tolerances = ParityTolerances(
      outputs: Tolerance(relative: 1e-5, absolute: 1e-6),
      gradients: Tolerance(relative: 1e-4, absolute: 1e-5),
      afterAdam: Tolerance(relative: 1e-5, absolute: 1e-6))
    try checkEveryCase("Float (factory + TrainingStep)") { spec, parity in
      try spec.runTrainingStep(parity, tolerances: tolerances)
    }
  }

  /// Runs `run` on every classifier case; a file that cannot be read or modelled fails on its
  /// own, and the others are still checked.
  private func checkEveryCase(
    _ label: String, _ run: (ClassifierSpec, ParityFile) throws -> ParityResult
  ) throws {
    try checkEveryParityCase("\"Embedding(\"", label) { parity in
      try ClassifierSpec(describedIn: parity).map { try run($0, parity) }
    }
  }
}
