import CLiblinear

/// A binary training problem in liblinear's own layout, built once and solved for as many
/// regularisation constants as needed. It owns every C buffer it hands to liblinear: the
/// feature nodes (each row's (index, value) pairs, indices from 1, then the bias node
/// (n + 1, 1), then the terminator (−1, 0)), the row pointers and the labels ±1.
public final class LiblinearProblem {
  /// Rows (training examples).
  public let rowCount: Int
  /// Features, the bias excluded.
  public let featureCount: Int

  private let nodes: UnsafeMutablePointer<feature_node>
  private let rows: UnsafeMutablePointer<UnsafeMutablePointer<feature_node>?>
  private let labels: UnsafeMutablePointer<Double>
  private let nodeCount: Int

  /// The problem of `features` (one row per example) with 0/1 `labels` (1 = pos) and a bias
  /// feature of value 1. Rows may be empty: they still see the bias.
  public init(features: SparseRows, labels given: [Int]) {
    precondition(features.rowCount == given.count, "one label per row")
    precondition(given.allSatisfy { $0 == 0 || $0 == 1 }, "labels are 0 or 1")
    rowCount = features.rowCount
    featureCount = features.columnCount
    nodeCount = features.entryCount + 2 * rowCount
    nodes = .allocate(capacity: nodeCount)
    rows = .allocate(capacity: max(rowCount, 1))
    labels = .allocate(capacity: max(rowCount, 1))
    let bias = Int32(featureCount + 1)
    var next = 0
    for i in 0..<rowCount {
      rows[i] = nodes + next
      for k in features.range(ofRow: i) {
        nodes[next] = feature_node(
          index: features.columns[k] + 1, value: Double(features.values[k]))
        next += 1
      }
      nodes[next] = feature_node(index: bias, value: 1)
      nodes[next + 1] = feature_node(index: -1, value: 0)
      next += 2
      labels[i] = given[i] == 1 ? 1 : -1
    }
  }

  deinit {
    nodes.deallocate()
    rows.deallocate()
    labels.deallocate()
  }

  /// Trains `solver` at regularisation constant `c` to tolerance `tolerance` (liblinear's eps;
  /// 0.01 is its default for the primal solvers). Deterministic, and safe to run for several C
  /// at once: the primal solvers only read the problem and draw no random numbers. Throws when liblinear's check_parameter refuses
  /// the settings or the problem has no rows. liblinear's progress lines are discarded.
  public func train(solver: LiblinearSolver, c: Double, tolerance: Double = 0.01) throws
    -> LiblinearModel
  {
    guard rowCount > 0 else { throw LiblinearError("liblinear: the training problem has no rows") }
    guard featureCount < Int(Int32.max) else {
      throw LiblinearError("liblinear: \(featureCount) features do not fit its 32-bit indices")
    }
    var problem = CLiblinear.problem(
      l: Int32(rowCount), n: Int32(featureCount + 1), y: labels, x: rows, bias: 1)
    var parameter = CLiblinear.parameter(
      solver_type: solver.solverType, eps: tolerance, C: c, nr_weight: 0, weight_label: nil,
      weight: nil, p: 0.1, init_sol: nil)
    LiblinearProblem.silence
    // Debian's liblinear takes its vector operations (ddot, daxpy, dnrm2) from libblas.so.3,
    // which is OpenBLAS here: held to one thread, as for our own products, their sums have one
    // order whatever the machine.
    BLAS.prepare()
    if let message = check_parameter(&problem, &parameter) {
      throw LiblinearError("liblinear: \(String(cString: message)) (C = \(c), eps = \(tolerance))")
    }
    guard let model = CLiblinear.train(&problem, &parameter) else {
      throw LiblinearError("liblinear: train returned no model (C = \(c))")
    }
    return LiblinearModel(owning: model, featureCount: featureCount, solver: solver)
  }

  /// liblinear prints progress to standard output unless given a print function: ours drops it.
  /// Set once per process, before the first training.
  private static let silence: Void = set_print_string_function { _ in }
}
