import SentimentKit
import SentimentParity

/// The report's parity section: every PyTorch reference case run in Float through the code
/// training runs, one row each, so that no speed-up goes unchecked against the reference.
public struct ParitySection {
  /// Where the case files were looked for.
  public let folder: String
  /// Each file's outcome; nil when the folder does not exist.
  public let outcomes: [ParityOutcome]?

  /// The section for `outcomes` of the cases in `folder` (nil: no such folder).
  public init(folder: String, outcomes: [ParityOutcome]?) {
    self.folder = folder
    self.outcomes = outcomes
  }

  /// The section's title.
  public static let title = "Parity with PyTorch (Float, the training code path)"

  /// The cases that failed or could not run.
  public var missed: [ParityOutcome] { (outcomes ?? []).filter { !$0.passed } }

  /// The section: a summary row, the table and what was compared.
  public var section: BenchSection {
    guard let outcomes else {
      return BenchSection(
        title: Self.title, rows: [],
        notes: ["No parity folder at \(folder): nothing compared (`--parity DIR` names one)."])
    }
    let tolerances = ParityTolerances.float
    let header = [
      "case", "model", "sizes", "outputs", "gradients", "loss", "after Adam", "tolerance",
      "of tolerance", "verdict",
    ]
    let rows = outcomes.map { outcome -> [String] in
      guard case .success(let run) = outcome.result else {
        return [outcome.name] + Array(repeating: "–", count: header.count - 2) + ["MISSED"]
      }
      func error(_ kind: ParityQuantity.Kind) -> String {
        run.maxError(kind).map { Format.scientific($0) } ?? "–"
      }
      return [
        outcome.name, run.model, run.sizes.map { "\($0.name) \($0.value)" }.joined(separator: ", "),
        error(.output), error(.gradient), error(.loss), error(.afterAdam),
        Format.scientific(tolerances.outputs.relative, places: 0) + " / "
          + Format.scientific(tolerances.gradients.relative, places: 0),
        Format.decimal(run.worstShare, places: 3), run.passed ? "met" : "MISSED",
      ]
    }
    let passed = outcomes.filter(\.passed).count
    let misses = missed.compactMap { $0.problem.map { "MISSED \($0)" } }
    return BenchSection(
      title: Self.title,
      rows: [
        .init(
          name: "cases within tolerance", value: Double(passed), unit: "",
          target: "all \(outcomes.count)", met: passed == outcomes.count && !outcomes.isEmpty)
      ],
      table: BenchTable(header: header, rows: rows),
      notes: [
        "Every case file in \(folder) (PyTorch float64 reference vectors; see its README.md), "
          + "recognised by its description, not its name, and run in Float through the code "
          + "training runs: torch.nn.RNN/LSTM/GRU cases through `Recurrent` or `Bidirectional` "
          + "forward and backward on the packed batch, backwards from the file's loss "
          + "Σ output ⊙ R + Σ h_n ⊙ S (+ Σ c_n ⊙ S_c); the classifier case on the model "
          + "`ModelFactory` builds, trained one step by `TrainingStep` (Adam).",
        "Columns give the largest |ours − PyTorch| over the outputs (per-step output, h_n, c_n; "
          + "the classifier's log-probabilities), the gradients (dL/dx and every weight), the "
          + "loss, and every parameter after the Adam step. A value passes when |a − e| ≤ atol "
          + "+ rtol·max(|a|, |e|): rtol \(bound(tolerances.outputs)) on outputs, the loss and "
          + "the weights after Adam, \(bound(tolerances.gradients)) on gradients, the parity "
          + "README's float32 tolerances (the tolerance column: rtol of outputs / gradients). "
          + "\"of tolerance\": the largest share of its bound any value uses (≤ 1 passes).",
      ] + misses)
  }

  /// "1e-5 (atol 1e-6)".
  private func bound(_ tolerance: Tolerance) -> String {
    "\(Format.scientific(tolerance.relative, places: 0)) "
      + "(atol \(Format.scientific(tolerance.absolute, places: 0)))"
  }
}
