import SentimentKit
import Foundation

/// The report's model sections: our figures, and ours against the peers' from one run.
public struct ModelSections {
  /// Each model measured.
  public let models: [ModelFigures]
  /// The sgemm ceiling of the same run, both cores.
  public let sgemmGflops: Double
  /// The fastest sgemm this CPU runs (the same as `sgemmGflops` when the process has it).
  public let fastestSgemmGflops: Double
  /// Peer results, and when their file was written; empty when absent or stale.
  public let peers: [PeerResult]
  /// Why there are no peers, or where they come from.
  public let peerNote: String
  /// Timed training batches per model (0: whole epoch).
  public let trainBatches: Int
  /// Batches' worth of reviews sorted by length together (1: unsorted batches).
  public let bucketWindow: Int

  /// The sections for `models`, read against `sgemmGflops` and `peers`.
  public init(
    models: [ModelFigures], sgemmGflops: Double, fastestSgemmGflops: Double, peers: [PeerResult],
    peerNote: String,
    trainBatches: Int, bucketWindow: Int
  ) {
    self.models = models
    self.sgemmGflops = sgemmGflops
    self.fastestSgemmGflops = fastestSgemmGflops
    self.peers = peers
    self.peerNote = peerNote
    self.trainBatches = trainBatches
    self.bucketWindow = bucketWindow
  }

  /// Targets: training and inference of every model ≥ 3× PyTorch's fastest setting measured in
  /// the same sitting; training arithmetic of the gated models ≥ 70% of the same run's sgemm.
  public static let speedTarget = 3.0
  public static let ceilingShare = 0.7
  public static let ceilingModels: Set<String> = ["bilstm", "lstm", "bigru", "gru"]

  public var sections: [BenchSection] { [ours] + (peers.isEmpty ? [] : [against]) }

  private var ours: BenchSection {
    let header = [
      "model", "train tokens/s", "s/epoch", "infer reviews/s", "train GFLOP/s", "of sgemm",
      "of fastest", "infer GFLOP/s", "test acc.", "last loss",
    ]
    let rows = models.map { m in
      [
        m.name, Format.count(Int(m.trainTokensPerSecond.rounded())),
        Format.decimal(m.secondsPerEpoch, places: 1) + (m.epochShare < 1 ? "*" : ""),
        Format.count(Int(m.inferReviewsPerSecond.rounded())), Format.decimal(m.gflops, places: 1),
        Format.decimal(100 * m.gflops / sgemmGflops, places: 0) + "%",
        Format.decimal(100 * m.gflops / fastestSgemmGflops, places: 0) + "%",
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
          + "\(Format.decimal(sgemmGflops, places: 1)) GFLOP/s; \"of fastest\": against the "
          + "fastest sgemm this CPU runs, \(Format.decimal(fastestSgemmGflops, places: 1)) GFLOP/s "
          + "(see \"Matrix products\").",
      ])
  }

  /// A framework's fastest result for `model` by `figure`, over the settings it was run in.
  private func fastest(_ framework: String, _ model: String, by figure: KeyPath<PeerResult, Double>)
    -> PeerResult?
  {
    peers.filter { $0.framework == framework && $0.model == model }.max { $0[keyPath: figure] < $1[keyPath: figure] }
  }

  private var against: BenchSection {
    let header = [
      "model", "train: ours", "PyTorch", "Keras", "× PyTorch", "× Keras", "infer: ours",
      "PyTorch", "Keras", "× PyTorch", "× Keras",
    ]
    var rows = [[String]]()
    var verdicts = [BenchSection.Row]()
    func figure(_ value: Double?, _ peer: PeerResult?) -> String {
      guard let value else { return "–" }
      return Format.count(Int(value.rounded())) + (peer?.setting.map { " (\($0))" } ?? "")
    }
    func ratio(_ value: Double?) -> String { value.map { Format.decimal($0) + "×" } ?? "–" }
    for m in models {
      let torchTrain = fastest("pytorch", m.name, by: \.trainTokensPerSecond)
      let kerasTrain = fastest("keras", m.name, by: \.trainTokensPerSecond)
      let torchInfer = fastest("pytorch", m.name, by: \.inferReviewsPerSecond)
      let kerasInfer = fastest("keras", m.name, by: \.inferReviewsPerSecond)
      let trainRatio = torchTrain.map { m.trainTokensPerSecond / $0.trainTokensPerSecond }
      let inferRatio = torchInfer.map { m.inferReviewsPerSecond / $0.inferReviewsPerSecond }
      rows.append([
        m.name, figure(m.trainTokensPerSecond, nil),
        figure(torchTrain?.trainTokensPerSecond, torchTrain),
        figure(kerasTrain?.trainTokensPerSecond, kerasTrain), ratio(trainRatio),
        ratio(kerasTrain.map { m.trainTokensPerSecond / $0.trainTokensPerSecond }),
        figure(m.inferReviewsPerSecond, nil), figure(torchInfer?.inferReviewsPerSecond, torchInfer),
        figure(kerasInfer?.inferReviewsPerSecond, kerasInfer), ratio(inferRatio),
        ratio(kerasInfer.map { m.inferReviewsPerSecond / $0.inferReviewsPerSecond }),
      ])
      if let trainRatio {
        verdicts.append(
          .init(
            name: "\(m.name) training ÷ PyTorch's fastest", value: trainRatio, unit: "×",
            target: "≥ 3×", met: trainRatio >= Self.speedTarget))
      }
      if let inferRatio {
        verdicts.append(
          .init(
            name: "\(m.name) inference ÷ PyTorch's fastest", value: inferRatio, unit: "×",
            target: "≥ 3×", met: inferRatio >= Self.speedTarget))
      }
    }
    for m in models where Self.ceilingModels.contains(m.name) {
      let share = m.gflops / sgemmGflops
      verdicts.append(
        .init(
          name: "\(m.name) training GFLOP/s ÷ sgemm", value: 100 * share, unit: "%",
          target: "≥ 70%", met: share >= Self.ceilingShare))
      if fastestSgemmGflops > sgemmGflops {
        let fastestShare = m.gflops / fastestSgemmGflops
        verdicts.append(
          .init(
            name: "\(m.name) training GFLOP/s ÷ fastest sgemm", value: 100 * fastestShare,
            unit: "%", target: "≥ 70%", met: fastestShare >= Self.ceilingShare))
      }
    }
    let settings = Dictionary(grouping: peers, by: \.framework).sorted { $0.key < $1.key }.map {
      framework, results in
      let described = Set(results.map { "`--padding \($0.setting ?? "?")`: \($0.padding ?? "not recorded")" })
      return "\(framework) \(results[0].version): " + described.sorted().joined(separator: "; ")
    }
    return BenchSection(
      title: "Against PyTorch and Keras (same machine)", rows: verdicts,
      table: BenchTable(header: header, rows: rows),
      notes: [
        peerNote,
        "Each peer's figure is its fastest over the settings it was run in (in brackets; "
          + "training and inference are picked apart, so each ratio is against that peer's "
          + "best at it). Settings measured: " + settings.joined(separator: ". ") + ".",
        "\nEvery peer run, setting by setting:\n\n" + peerTable.markdown + "\n",
      ])
  }

  /// Every peer result as measured.
  private var peerTable: BenchTable {
    BenchTable(
      header: ["framework", "model", "setting", "train tokens/s", "infer reviews/s"],
      rows: peers.map {
        [
          $0.framework, $0.model, $0.setting ?? "?", Format.count(Int($0.trainTokensPerSecond.rounded())),
          Format.count(Int($0.inferReviewsPerSecond.rounded())),
        ]
      })
  }
}
