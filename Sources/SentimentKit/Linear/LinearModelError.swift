/// Why a linear model cannot be built, trained or loaded; each case names what is at fault.
public enum LinearModelError: Error, CustomStringConvertible, Equatable {
  /// The training texts have more distinct words than an n-gram key holds.
  case tooManyWords(Int, limit: Int)
  /// A model folder file disagrees with config.json or with another file.
  case inconsistent(file: String, reason: String)

  /// One line saying where and what.
  public var description: String {
    switch self {
    case .tooManyWords(let count, let limit):
      return "the training texts have \(count) distinct words; n-gram keys hold at most \(limit - 1)"
    case .inconsistent(let file, let reason):
      return "\(file): \(reason)"
    }
  }
}
