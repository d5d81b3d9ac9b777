/// A stage made of a name and a closure: for the one-off steps inside a larger stage (counting,
/// vectorising, fitting) that a job should time and record but that need no type of their own.
public struct Step<Input, Output>: Stage {
  /// Stage name in records and progress lines.
  public let name: String
  private let body: (Input, Job) throws -> Output

  /// A step called `name` running `body`.
  public init(_ name: String, _ body: @escaping (Input, Job) throws -> Output) {
    self.name = name
    self.body = body
  }

  /// Runs the closure.
  public func run(_ input: Input, in job: Job) throws -> Output { try body(input, job) }
}
