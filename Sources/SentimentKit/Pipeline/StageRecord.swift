/// What a `Job` remembers of one stage it ran: its name, wall-clock time and, when the stage
/// said, how many items it handled.
public struct StageRecord: Codable, Sendable, Equatable {
  /// The stage's `name`.
  public var name: String
  /// Wall-clock seconds from start to finish (or to the error that ended it).
  public var seconds: Double
  /// Items handled (reviews, tokens, ...), when the stage set it with `Job.setItemCount(_:)`.
  public var items: Int?
  /// 0 for a stage the caller ran; one more for each level of nesting inside composed stages.
  public var depth: Int

  /// A record with every field given.
  public init(name: String, seconds: Double, items: Int? = nil, depth: Int = 0) {
    self.name = name
    self.seconds = seconds
    self.items = items
    self.depth = depth
  }
}
