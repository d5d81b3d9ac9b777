import CLiblinear
import Foundation

/// The liblinear solvers the linear models use: L2-regularised, binary, each minimising
///   ½‖w‖² + C Σ_i loss(y_i, wᵀx_i)       (the bias is the weight of a constant feature 1, so it is
///                                          regularised too, as scikit-learn's liblinear is)
/// with y_i ∈ {−1, +1}.
public enum LiblinearSolver: String, Codable, CaseIterable, Sendable {
  /// Logistic loss log(1 + e^{−y wᵀx}), solved in the dual (liblinear -s 7): p(pos) = σ(wᵀx).
  case logisticRegression = "logistic-regression"
  /// Squared hinge loss max(0, 1 − y wᵀx)², solved in the dual (liblinear -s 1), as LinearSVC.
  case svm

  /// liblinear's solver_type.
  var solverType: Int32 {
    switch self {
    case .logisticRegression: return Int32(L2R_LR_DUAL)
    case .svm: return Int32(L2R_L2LOSS_SVC_DUAL)
    }
  }

  /// The probability a decision value d stands for: σ(d) for logistic regression, whose loss is
  /// the negative log of it; for the SVM σ(d) too, a monotone score with no calibration claim.
  func probability(decision d: Double) -> Double { 1 / (1 + Foundation.exp(-d)) }
}
