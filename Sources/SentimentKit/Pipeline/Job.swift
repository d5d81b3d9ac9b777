/// Runs stages as a staged batch job: times each one, keeps a `StageRecord` per stage in
/// `records`, and lets long stages show a `Progress` line.
///
/// A job is used from one thread at a time: the thread that calls `run`.
public final class Job {
  /// One record per stage run so far, in the order the stages started; the parts of a composed
  /// stage follow it, one `depth` deeper.
  public private(set) var records: [StageRecord] = []
  /// How the progress lines of this job's stages are shown.
  public let progressStyle: Progress.Style

  private struct Frame {
    var record: Int
    var progress: Progress?
  }

  private var running: [Frame] = []

  /// A job with no records yet; progress shows as `progressStyle` says.
  public init(progressStyle: Progress.Style = .automatic) {
    self.progressStyle = progressStyle
  }

  /// Runs `stage` on `input`, recording its name and time (kept even if it throws).
  public func run<S: Stage>(_ stage: S, _ input: S.Input) throws -> S.Output {
    let index = records.count
    records.append(StageRecord(name: stage.name, seconds: 0, depth: running.count))
    running.append(Frame(record: index))
    let stopwatch = Stopwatch()
    defer {
      running.removeLast().progress?.finish()
      records[index].seconds = stopwatch.seconds
    }
    return try stage.run(input, in: self)
  }

  /// Runs a stage that needs no input, such as one that reads a corpus from disk.
  public func run<S: Stage>(_ stage: S) throws -> S.Output where S.Input == Void {
    try run(stage, ())
  }

  /// A progress line for the running stage, labelled with its name; finished when the stage
  /// returns.
  public func progress(total: Int?, unit: Progress.Unit) -> Progress {
    guard let frame = running.last else {
      preconditionFailure("Job.progress(total:unit:) is for the stage the job is running")
    }
    frame.progress?.finish()
    let progress = Progress(
      label: records[frame.record].name, total: total, unit: unit, style: progressStyle)
    running[running.count - 1].progress = progress
    return progress
  }

  /// Records how many items the running stage handled.
  public func setItemCount(_ count: Int) {
    guard let frame = running.last else {
      preconditionFailure("Job.setItemCount(_:) is for the stage the job is running")
    }
    records[frame.record].items = count
  }

  /// Seconds spent in the stages the caller ran directly (nested stages are counted once).
  public var totalSeconds: Double {
    records.lazy.filter { $0.depth == 0 }.map(\.seconds).reduce(0, +)
  }
}
