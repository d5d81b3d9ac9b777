import CLiblinear
import Foundation

/// The liblinear solvers the linear models use: L2-regularised, binary, each minimising
///   ½‖w‖² + C Σ_i loss(y_i, wᵀx_i)       (the bias is the weight of a constant feature 1, so it is
///                                          regularised too, as scikit-learn's liblinear is)
/// with y_i ∈ {−1, +1}.
public enum LiblinearSolver: String, Codable, CaseIterable, Sendable {
  /// Logistic loss log(1 + e^{−y wᵀx}), solved in the primal by trust-region Newton
  /// (liblinear -s 0, scikit-learn's LogisticRegression(solver="liblinear")): p(pos) = σ(wᵀx).
  case logisticRegression = "logistic-regression"
  /// Squared hinge loss max(0, 1 − y wᵀx)², solved in the primal (liblinear -s 2).
  case svm

  /// liblinear's solver_type. The primal solvers, not the dual coordinate-descent ones: those
  /// visit coordinates in an order drawn from C's global rand(), which fits running at once
  /// share, so their results would depend on thread timing.
  var solverType: Int32 {
    switch self {
    case .logisticRegression: return Int32(L2R_LR)
    case .svm: return Int32(L2R_L2LOSS_SVC)
    }
  }
}
