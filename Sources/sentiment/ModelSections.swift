import Foundation

/// The report's model sections: our figures, and ours against the peers' from one run.
struct ModelSections {
  /// Each model measured.
  let models: [ModelFigures]
  /// The sgemm ceiling of the same run, both cores.
  let sgemmGflops: Double
  /// Peer results, and when their file was written; empty when absent or stale.
  let peers: [PeerResult]
  /// Why there are no peers, or where they come from.
  let peerNote: String
  /// Timed training batches per model (0: whole epoch).
  let trainBatches: Int
  /// Batches' worth of reviews sorted by length together (1: unsorted batches).
  let bucketWindow: Int

  /// Targets of the issue: ≥ 2× PyTorch's training throughput (BiLSTM and LSTM), ≥ 2× the
  /// faster peer's inference throughput, ≥ 50% of sgemm while training the BiLSTM.
  static let speedTarget = 2.0
  static let ceilingShare = 0.5

  var sections: [BenchSection] { [ours] + (peers.isEmpty ? [] : [against]) }

  private var ours: BenchSection {
    let header = [
      "model", "train tokens/s", "s/epoch", "infer reviews/s", "train GFLOP/s", "of sgemm",
      "infer GFLOP/s", "test acc.", "last loss",
    ]
    let rows = models.map { m in
      [
        m.name, Format.count(Int(m.trainTokensPerSecond.rounded())),
        Format.decimal(m.secondsPerEpoch, places: 1) + (m.epochShare < 1 ? "*" : ""),
        Format.count(Int(m.inferReviewsPerSecond.rounded())), Format.decimal(m.gflops, places: 1),
        Format.decimal(100 * m.gflops / sgemmGflops, places: 0) + "%",
        Format.decimal(m.inferGflops, places: 1), Format.decimal(m.inferAccuracy, places: 3),
        Format.decimal(m.lastLoss, places: 3),
      ]
    }
    let share = models.first.map { Format.decimal(100 * $0.epochShare, places: 0) } ?? "0"
    let batchesTimed = trainBatches > 0 ? "the first \(trainBatches) batches" : "the whole epoch"
    return BenchSection(
      title: "Models: training and inference", rows: [],
      table: BenchTable(header: header, rows: rows),
      notes: [
        "Embedding 20,002×128 → recurrent layer of 64 units per direction → Linear(2); "
          + "reviews cut to their last 200 tokens; Adam (lr 1e-3), batch 64, no clipping; "
          + "`TrainingStep` does every update. Training: one untimed warm-up batch, then "
          + "\(batchesTimed) of a shuffled epoch (`Batcher.shuffledBatches`, "
          + (bucketWindow > 1
            ? "reviews sorted by length within windows of \(bucketWindow) batches, as our "
              + "training draws them"
            : "unsorted batches, as the peers draw them; sorting by length, as our training "
              + "does, made no measurable difference")
          + "), tokens counted as reviews × 200 as the "
          + "peers count them. *: seconds per epoch extrapolated from the \(share)% of the "
          + "25,000-review epoch timed.",
        "Inference: the 25,000 test reviews from raw text to probabilities (tokenize, "
          + "encode, cut to 200, classify in length-sorted batches).",
        "GFLOP/s: the matrix-product arithmetic of the packed batches (no padding) per "
          + "second of wall time, training = forward + backward = 3 × forward, where forward "
          + "= 2·GH·(N·I + (N − B)·H) per direction + 4·B·F for the head (N packed rows, B "
          + "reviews, G gate blocks, H = 64, I = 128, F head inputs); see FlopCount.swift. "
          + "\"of sgemm\": against this run's 2048² sgemm on both cores, "
          + "\(Format.decimal(sgemmGflops, places: 1)) GFLOP/s.",
      ])
  }

  /// PyTorch's training throughput as the issue quoted it for this machine (tokens/s), shown
  /// beside this run's, which can differ a lot (see the note in the section).
  static let quotedPyTorch = ["bilstm": 97_000.0, "lstm": 186_000.0]

  private var against: BenchSection {
    let header = [
      "model", "train: ours", "PyTorch", "Keras", "× PyTorch", "× faster peer", "infer: ours",
      "PyTorch", "Keras", "× faster peer",
    ]
    var rows = [[String]]()
    var verdicts = [BenchSection.Row]()
    for m in models {
      let torch = peers.first { $0.framework == "pytorch" && $0.model == m.name }
      let keras = peers.first { $0.framework == "keras" && $0.model == m.name }
      let trainRatio = torch.map { m.trainTokensPerSecond / $0.trainTokensPerSecond }
      let fastestTrain = [torch, keras].compactMap { $0?.trainTokensPerSecond }.max()
      let fastestInfer = [torch, keras].compactMap { $0?.inferReviewsPerSecond }.max()
      let trainPeerRatio = fastestTrain.map { m.trainTokensPerSecond / $0 }
      let inferRatio = fastestInfer.map { m.inferReviewsPerSecond / $0 }
      func figure(_ value: Double?) -> String {
        value.map { Format.count(Int($0.rounded())) } ?? "–"
      }
      func ratio(_ value: Double?) -> String { value.map { Format.decimal($0) + "×" } ?? "–" }
      rows.append([
        m.name, figure(m.trainTokensPerSecond), figure(torch?.trainTokensPerSecond),
        figure(keras?.trainTokensPerSecond), ratio(trainRatio), ratio(trainPeerRatio),
        figure(m.inferReviewsPerSecond), figure(torch?.inferReviewsPerSecond),
        figure(keras?.inferReviewsPerSecond), ratio(inferRatio),
      ])
      guard m.name == "bilstm" || m.name == "lstm" else { continue }
      if let trainRatio {
        verdicts.append(
          .init(
            name: "\(m.name) training ÷ PyTorch (this run)", value: trainRatio, unit: "×",
            target: "≥ 2×", met: trainRatio >= Self.speedTarget))
      }
      if let trainPeerRatio {
        verdicts.append(
          .init(name: "\(m.name) training ÷ faster peer", value: trainPeerRatio, unit: "×"))
      }
      if let quoted = Self.quotedPyTorch[m.name] {
        verdicts.append(
          .init(
            name: "\(m.name) training ÷ PyTorch as quoted (\(Format.count(Int(quoted))))",
            value: m.trainTokensPerSecond / quoted, unit: "×"))
      }
      if let inferRatio {
        verdicts.append(
          .init(
            name: "\(m.name) inference ÷ faster peer", value: inferRatio, unit: "×",
            target: "≥ 2×", met: inferRatio >= Self.speedTarget))
      }
    }
    if let reference = models.first(where: { $0.name == "bilstm" }) {
      let share = reference.gflops / sgemmGflops
      verdicts.append(
        .init(
          name: "bilstm training GFLOP/s ÷ sgemm", value: 100 * share, unit: "%",
          target: "≥ 50%", met: share >= Self.ceilingShare))
    }
    return BenchSection(
      title: "Against PyTorch and Keras (same machine)", rows: verdicts,
      table: BenchTable(header: header, rows: rows),
      notes: [
        peerNote,
        "The issue quoted PyTorch at about 97,000 (BiLSTM) and 186,000 (LSTM) training "
          + "tokens/s on this machine; where this run's PyTorch figures are far below those, "
          + "the rows \"÷ PyTorch as quoted\" and \"÷ faster peer\" are the fairer comparison.",
      ])
  }
}
