/// Two stages run one after the other, the first's output feeding the second; made by
/// `Stage.then(_:)`. The job records the pair and, one level deeper, each part.
public struct ComposedStage<First: Stage, Second: Stage>: Stage
where First.Output == Second.Input {
  /// The stage that runs first.
  public let first: First
  /// The stage that receives `first`'s output.
  public let second: Second

  /// The pair `first` then `second`.
  public init(first: First, second: Second) {
    self.first = first
    self.second = second
  }

  /// The two names joined by an arrow, as "read corpus → vocabulary".
  public var name: String { "\(first.name) → \(second.name)" }

  /// Runs `first` then `second` through `job`, so each gets its own record.
  public func run(_ input: First.Input, in job: Job) throws -> Second.Output {
    try job.run(second, job.run(first, input))
  }
}
