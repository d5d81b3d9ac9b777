import CLiblinear

/// A model liblinear trained, owned until this object goes: its weights in our orientation (a
/// positive decision value means pos) and liblinear's own predictions, which the tests compare
/// with the weights.
public final class LiblinearModel {
  /// Features, the bias excluded.
  public let featureCount: Int
  /// The solver that made it.
  public let solver: LiblinearSolver

  private let model: UnsafeMutablePointer<model>
  // liblinear's w is for the label it met first; +1 when that is pos (label +1), else −1.
  private let orientation: Double

  init(owning model: UnsafeMutablePointer<model>, featureCount: Int, solver: LiblinearSolver) {
    self.model = model
    self.featureCount = featureCount
    self.solver = solver
    orientation = model.pointee.nr_class < 2 || model.pointee.label[0] == 1 ? 1 : -1
  }

  deinit {
    var pointer: UnsafeMutablePointer<CLiblinear.model>? = model
    free_and_destroy_model(&pointer)
  }

  /// w, one weight per feature, such that the decision value is d = wᵀx + b and d > 0 means pos.
  public var weights: [Double] {
    (0..<featureCount).map { orientation * model.pointee.w[$0] }
  }

  /// b, the weight of the constant bias feature.
  public var bias: Double { orientation * model.pointee.w[featureCount] }

  /// liblinear's decision value for pos (predict_values), for one row of (0-based column, value)
  /// pairs with ascending columns.
  public func decisionValue(_ row: [(column: Int, value: Double)]) -> Double {
    var value = 0.0
    withNodes(row) { nodes in
      _ = predict_values(model, nodes, &value)
    }
    return orientation * value
  }

  /// liblinear's p(pos) (predict_probability), for logistic regression only: nil for the SVM,
  /// whose model liblinear refuses to give probabilities for.
  public func probability(_ row: [(column: Int, value: Double)]) -> Double? {
    guard check_probability_model(model) != 0 else { return nil }
    var estimates = [0.0, 0.0]
    withNodes(row) { nodes in
      _ = predict_probability(model, nodes, &estimates)
    }
    return model.pointee.label[0] == 1 ? estimates[0] : estimates[1]
  }

  // The row as liblinear's nodes: 1-based indices, the bias node, the terminator.
  private func withNodes(_ row: [(column: Int, value: Double)], _ body: (UnsafePointer<feature_node>) -> Void) {
    var nodes = row.map { feature_node(index: Int32($0.column + 1), value: $0.value) }
    nodes.append(feature_node(index: Int32(featureCount + 1), value: 1))
    nodes.append(feature_node(index: -1, value: 0))
    nodes.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}
