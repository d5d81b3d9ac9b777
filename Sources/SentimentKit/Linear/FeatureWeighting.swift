import Foundation

/// How a review's n-gram counts become the linear model's input x, with a per-column factor s
/// fitted on the training rows.
public enum FeatureWeighting: String, Codable, CaseIterable, Sendable {
  /// NBSVM (Wang & Manning 2012): the binary indicator x̂_j = 1[c_j > 0] scaled by the log-count
  /// ratio, x_j = x̂_j · r_j with
  ///   p = α𝟙 + Σ_{i: y_i = pos} x̂_i,   q = α𝟙 + Σ_{i: y_i = neg} x̂_i,
  ///   r = log((p / ‖p‖₁) / (q / ‖q‖₁)).
  case nbsvm
  /// TF-IDF as scikit-learn's TfidfVectorizer(sublinear_tf=True, smooth_idf=True):
  ///   x_j = (1 + ln c_j) · idf_j / ‖·‖₂,   idf_j = ln((1 + N) / (1 + df_j)) + 1.
  case tfidf

  /// The factor s of each of `counts.columnCount` columns, from the training `counts` and their
  /// 0/1 `labels`; `alpha` is NBSVM's smoothing α.
  public func scale(counts: SparseRows, labels: [Int], alpha: Double) -> [Float] {
    precondition(counts.rowCount == labels.count, "one label per row")
    // Documents holding each column, per label: df[y][j] = Σ_{i: y_i = y} x̂_ij.
    var df = [[Double]](repeating: [Double](repeating: 0, count: counts.columnCount), count: 2)
    for i in 0..<counts.rowCount {
      for k in counts.range(ofRow: i) { df[labels[i]][Int(counts.columns[k])] += 1 }
    }
    switch self {
    case .nbsvm:
      let p = df[1].map { $0 + alpha }
      let q = df[0].map { $0 + alpha }
      let (pNorm, qNorm) = (p.reduce(0, +), q.reduce(0, +))
      return zip(p, q).map { Float(log((($0 / pNorm) / ($1 / qNorm)))) }
    case .tfidf:
      let n = Double(counts.rowCount)
      return zip(df[0], df[1]).map { Float(log((1 + n) / (1 + $0 + $1)) + 1) }
    }
  }

  /// x for one row of (column, count) pairs, columns kept as they are.
  public func features(of row: [(Int32, Float)], scale s: [Float]) -> [(Int32, Float)] {
    switch self {
    case .nbsvm:
      return row.map { ($0.0, s[Int($0.0)]) }
    case .tfidf:
      let weighted = row.map { ($0.0, (1 + log($0.1)) * s[Int($0.0)]) }
      let norm = weighted.reduce(Float(0)) { $0 + $1.1 * $1.1 }.squareRoot()
      return norm > 0 ? weighted.map { ($0.0, $0.1 / norm) } : weighted
    }
  }

  /// `features(of:scale:)` of every row.
  public func features(of counts: SparseRows, scale s: [Float]) -> SparseRows {
    var result = SparseRows(columnCount: counts.columnCount)
    for i in 0..<counts.rowCount {
      let r = counts.range(ofRow: i)
      result.append(row: features(of: Array(zip(counts.columns[r], counts.values[r])), scale: s))
    }
    return result
  }
}
