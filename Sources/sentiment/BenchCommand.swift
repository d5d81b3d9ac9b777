import ArgumentParser
import Foundation
import SentimentBench
import SentimentKit
import SentimentParity

/// `sentiment bench`: measures the pipeline against simple baselines and the peers in
/// bench/peers, checks the training code path against PyTorch's parity cases, and writes
/// Reports/benchmarks.md. Each benchmark is a section.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure throughput, memory and parity with PyTorch; writes Reports/benchmarks.md.")

  @OptionGroup var archive: ArchiveOption

  @Flag(help: "Print one JSON object instead of tables.")
  var json = false

  @Option(help: "Where to write the Markdown report.")
  var report = "Reports/benchmarks.md"

  @Option(help: "Timed training batches of 64 per model; 0 times the whole epoch (391).")
  var trainBatches = 100

  @Option(
    help: ArgumentHelp(
      "Models to train and run, comma-separated; empty for the data stages only.",
      valueName: "list"))
  var models = BenchModel.allCases.map(\.rawValue).joined(separator: ",")

  @Option(
    help: ArgumentHelp(
      "Training batches come from windows of this many batches' worth of reviews sorted by "
        + "length (Batcher.shuffledBatches, 50 in training); 1, the default, gives unsorted "
        + "batches, as the peers draw them."))
  var bucketWindow = 1

  @Option(help: "Timed batches of the whole-review classifier and of the language model; 0 leaves them and classify-from-files out.")
  var workloadBatches = 20

  @Option(help: "Test reviews to classify (at most 25,000).")
  var inferReviews = 25_000

  @Option(help: "Peer results (bench/peers/run_peers.sh) to compare with.")
  var peers = "bench/peers/results.json"

  @Option(help: "Ignore peer results older than this many hours.")
  var peerMaxAge = 24.0

  @Option(
    help: ArgumentHelp(
      "PyTorch parity cases to run in Float through the training code path.",
      discussion: """
        Default: ../shared/parity (relative to the current directory). When the folder is \
        missing the report says so and the bench goes on; when a case misses its tolerance the \
        report is still written, and the bench then exits with status 1.
        """,
      valueName: "dir"))
  var parity = "../shared/parity"

  @Flag(help: .hidden)  // the child process of the AVX-512 ceiling: prints "both one kernel"
  var sgemmOnly = false

  func validate() throws {
    guard trainBatches >= 0 else { throw ValidationError("--train-batches must be 0 or more") }
    guard (0...10_000).contains(workloadBatches) else { throw ValidationError("--workload-batches must be 0 to 10,000") }
    guard (1...25_000).contains(inferReviews) else {
      throw ValidationError("--infer-reviews must be 1 to 25000 (the test split), not \(inferReviews)")
    }
    guard bucketWindow > 0 else { throw ValidationError("--bucket-window must be positive") }
    _ = try modelList()
  }

  func run() throws {
    if sgemmOnly {
      let cores = Machine.current().cores
      print(GemmCeiling.measure(threads: cores), GemmCeiling.measure(threads: 1), BLAS.coreName)
      return
    }
    let path = try archive.resolve()
    let machine = Machine.current()  // before the work, so the load average is others' work
    let (dataSection, data) = try dataSection(archive: path)
    var result = BenchReport(
      command: (["sentiment"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
      date: ISO8601DateFormatter().string(from: Date()), machine: machine, sections: [dataSection])
    let kinds = try modelList()
    if !kinds.isEmpty {
      let ceiling = GemmCeiling.measure(threads: machine.cores)
      let single = GemmCeiling.measure(threads: 1)
      // OpenBLAS's AVX-512 kernels, when the CPU has them and this process runs narrower ones
      // (an OPENBLAS_CORETYPE set in the environment, or OpenBLAS's own pick).
      let widerCoreType = OpenBLASCoreType.forThisCPU.flatMap {
        OpenBLASCoreType.isAVX512($0) && !OpenBLASCoreType.isAVX512(BLAS.coreName) ? $0 : nil
      }
      let wider = widerCoreType.flatMap {
        GemmCeiling.measureInChild(coreType: $0, executable: "/proc/self/exe", arguments: ["bench", "--sgemm-only"])
      }
      result.sections.append(blasSection(ceiling: ceiling, single: single, wider: wider))
      let fastest = max(ceiling, wider?.both ?? 0)
      result.sgemmGflops = ceiling
      result.fastestSgemmGflops = fastest
      let bench = modelBench(data)
      for kind in kinds {
        if !json { print("bench: \(kind.rawValue)…") }
        result.models.append(
          try bench.run(kind, batches: trainBatches, window: bucketWindow, seed: 42))
      }
      if workloadBatches > 0 {
        if !json { print("bench: whole reviews and language model…") }
        result.sections.append(try workloadBench(data).run(batches: workloadBatches, sgemmGflops: ceiling, fastestSgemmGflops: fastest, seed: 42))
        if !json { print("bench: classify from files…") }
        result.sections.append(
          try ClassifyBench(texts: bench.testTexts, vocabulary: data.vocabulary).run(seed: 42))
      }
      let (peerResults, note) = try loadPeers()
      result.peers = peerResults
      result.peersWritten = note
      result.sections +=
        ModelSections(
          models: result.models, sgemmGflops: ceiling, fastestSgemmGflops: fastest,
          peers: peerResults, peerNote: note,
          trainBatches: trainBatches, bucketWindow: bucketWindow
        ).sections
    }
    let parityCheck = ParitySection(folder: parity, outcomes: try ParityOutcome.runAll(in: parity))
    result.sections.append(parityCheck.section)
    result.parity = (parityCheck.outcomes ?? []).map(ParityFigures.init)
    try result.write(to: report)
    print(json ? try result.json() : result.text + "\n\nWrote \(report)")
    let missed = parityCheck.missed
    guard missed.isEmpty else {
      throw CommandFailure(
        "parity with PyTorch missed (see \"\(ParitySection.title)\" in \(report)): "
          + missed.compactMap(\.problem).joined(separator: " | "))
    }
  }

  private func modelList() throws -> [BenchModel] {
    try models.split(separator: ",").map { name in
      guard let kind = BenchModel(rawValue: String(name)) else {
        throw ValidationError(
          "unknown model '\(name)' (\(BenchModel.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      return kind
    }
  }

  // The train reviews, whole (an empty review becomes one OOV id), with their labels.
  private func workloadBench(_ data: PreparedData) -> WorkloadBench {
    let train = zip(data.reviews, data.sequences).compactMap { review, ids -> ([Int32], Int)? in
      guard review.split == .train, let label = review.label?.index else { return nil }
      return (ids.isEmpty ? [Vocabulary.unknownID] : ids, label)
    }
    return WorkloadBench(sequences: train.map(\.0), labels: train.map(\.1))
  }

  // The train reviews as a batcher (last 200 ids kept; an empty review becomes one OOV id) and
  // the first `inferReviews` test reviews as raw text.
  private func modelBench(_ data: PreparedData) -> ModelBench {
    var trainIDs = [[Int32]]()
    var trainLabels = [Int]()
    var testTexts = [String]()
    var testLabels = [Int]()
    for (review, ids) in zip(data.reviews, data.sequences) {
      guard let label = review.label?.index else { continue }
      if review.split == .train {
        trainIDs.append(ids.isEmpty ? [Vocabulary.unknownID] : ids)
        trainLabels.append(label)
      } else if testTexts.count < inferReviews {
        testTexts.append(review.text)
        testLabels.append(label)
      }
    }
    // Cutting to 200 cannot fail: no sequence is empty.
    let train = try! Batcher(
      sequences: trainIDs, labels: trainLabels, maxLength: ModelBench.maxLength, truncation: .pre)
    return ModelBench(
      train: train, testTexts: testTexts, testLabels: testLabels, vocabulary: data.vocabulary)
  }

  private func blasSection(
    ceiling: Double, single: Double, wider: (both: Double, one: Double, kernel: String)?
  ) -> BenchSection {
    let coreType = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset"
    var rows: [BenchSection.Row] = [
      .init(name: "sgemm 2048², both cores", value: ceiling, unit: "GFLOP/s"),
      .init(name: "sgemm 2048², one core", value: single, unit: "GFLOP/s"),
    ]
    var notes = [
      "Best of 10 products of two 2048×2048 Float matrices after a warm-up one; "
        + "OPENBLAS_CORETYPE=\(coreType), kernel \(BLAS.coreName). The models' GFLOP/s are read "
        + "against the first figure (\"of sgemm\")."
    ]
    if let wider {
      rows += [
        .init(name: "sgemm 2048², both cores, kernel \(wider.kernel)", value: wider.both, unit: "GFLOP/s"),
        .init(name: "sgemm 2048², one core, kernel \(wider.kernel)", value: wider.one, unit: "GFLOP/s"),
      ]
      notes.append(
        "This CPU has AVX-512, which the kernel above does not use (OPENBLAS_CORETYPE, set in "
          + "this machine's environment, or OpenBLAS's own pick): the last two rows are the same "
          + "products with OpenBLAS's \(wider.kernel) kernel, in a child process (the library "
          + "picks its kernel once, when it loads). They are the machine's limit, and the models' "
          + "GFLOP/s are read against them too (\"of fastest\"). Our products are our own "
          + "AVX-512 kernels and do not depend on OpenBLAS's pick.")
    }
    return BenchSection(
      title: "Matrix products (OpenBLAS, kernel \(BLAS.coreName))", rows: rows, notes: notes)
  }

  // Peer results when the file exists and is fresh, with a note saying which and when.
  private func loadPeers() throws -> ([PeerResult], String) {
    guard let (results, written) = try PeerResult.load(peers) else {
      return ([], "No peer results at \(peers): run `make bench-peers`.")
    }
    let stamp = ISO8601DateFormatter().string(from: written)
    let hours = -written.timeIntervalSinceNow / 3600
    guard hours <= peerMaxAge else {
      return (
        [], "Peer results at \(peers) are from \(stamp), older than \(peerMaxAge) h: ignored."
      )
    }
    return (
      results,
      "Peers: \(peers), written \(stamp) (bench/peers/run_peers.sh, "
        + "\(Set(results.map(\.framework)).sorted().joined(separator: ", "))). "
        + "Ratios are ours ÷ theirs; the figures come from runs on the same machine, one "
        + "after the other."
    )
  }

  // Reading, tokenizing and encoding the 50,000 labelled reviews, against `gzip -dc` alone.
  private func dataSection(archive: String) throws -> (BenchSection, PreparedData) {
    let gzip = try gzipSeconds(archive)
    let job = Job()
    let data = try PreparedData(archive: archive, maxWords: 20_000, job: job)
    let pipeline = job.totalSeconds
    let peak = ProcessMemory.peakMiB
    let textMB = Double(data.reviews.reduce(0) { $0 + $1.text.utf8.count }) / 1e6
    typealias Row = BenchSection.Row
    var rows = [Row(name: "gzip -dc > /dev/null", value: gzip, unit: "s")]
    rows += job.records.map { Row(name: "stage: \($0.name)", value: $0.seconds, unit: "s") }
    rows += [
      Row(name: "read + tokenize + encode", value: pipeline, unit: "s"),
      Row(
        name: "ratio to gzip -dc", value: pipeline / gzip, unit: "×", target: "≤ 2.5×",
        met: pipeline / gzip <= 2.5),
      Row(name: "labelled reviews", value: Double(data.reviews.count), unit: ""),
      Row(name: "tokens", value: Double(data.sequences.reduce(0) { $0 + $1.count }), unit: ""),
      Row(name: "review text per second", value: textMB / pipeline, unit: "MB/s"),
      Row(
        name: "peak memory (process)", value: peak, unit: "MiB", target: "< 1024 MiB",
        met: peak < 1024),
    ]
    let section = BenchSection(
      title: "Data pipeline (\(archive))", rows: rows,
      notes: [
        "Timed: `gzip -dc` of the archive to /dev/null (run first, so both read a warm page "
          + "cache), then one run of the data stages: read the archive (zlib inflate, tar, "
          + "UTF-8 check of all 50,000 labelled reviews), build the 20,000-word vocabulary "
          + "from the 25,000 train reviews, and encode all 50,000 reviews on "
          + "\(ProcessInfo.processInfo.activeProcessorCount) threads. Peak memory is "
          + "getrusage's ru_maxrss for this process."
      ])
    return (section, data)
  }

  private func gzipSeconds(_ archive: String) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-dc", archive]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    let stopwatch = Stopwatch()
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CommandFailure(
        "gzip -dc \(archive) failed (status \(process.terminationStatus)); "
          + "bench needs the .tar.gz archive")
    }
    return stopwatch.seconds
  }
}

extension BenchModel: ExpressibleByArgument {}
