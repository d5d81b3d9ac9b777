/// A training problem liblinear refuses or cannot solve: its own message (from check_parameter)
/// or ours, naming the setting at fault.
public struct LiblinearError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What is wrong, e.g. "liblinear: C <= 0 (C = -1.0)".
  public var reason: String

  /// An error saying `reason`.
  public init(_ reason: String) { self.reason = reason }

  /// The reason.
  public var description: String { reason }
}
