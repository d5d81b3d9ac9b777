/// One step of the pipeline: a typed transformation that a `Job` runs, times and records.
///
/// Stages compose: `read.then(tokenize)` is itself a stage, and the job records both the whole
/// and each part.
public protocol Stage {
  /// What the stage consumes.
  associatedtype Input
  /// What the stage produces.
  associatedtype Output
  /// A short name for progress lines and the job's records, such as "read corpus".
  var name: String { get }
  /// Runs the stage on `input`; `job` gives it progress reporting and runs its inner stages.
  func run(_ input: Input, in job: Job) throws -> Output
}

extension Stage {
  /// This stage followed by `next`, which receives this stage's output.
  public func then<Next: Stage>(_ next: Next) -> ComposedStage<Self, Next>
  where Next.Input == Output {
    ComposedStage(first: self, second: next)
  }
}
