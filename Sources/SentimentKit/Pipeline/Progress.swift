import Foundation

/// A progress line for a long stage, on standard error. On a terminal it is one line redrawn in
/// place with `\r` (done/total, rate, time left); elsewhere a plain line now and then, so CI
/// logs stay readable. Short stages show nothing.
public final class Progress {
  /// Where and how often progress is shown.
  public enum Style: Sendable, Equatable {
    /// One line redrawn in place at most ten times a second, once the stage has run half a second.
    case terminal
    /// A plain line every `interval` seconds, the first after `interval` seconds.
    case log(interval: Double)
    /// Nothing is shown.
    case silent

    /// `.terminal` when standard error is a terminal, else a log line every 10 s.
    public static var automatic: Style {
      isatty(STDERR_FILENO) != 0 ? .terminal : .log(interval: 10)
    }
  }

  /// What the counts measure.
  public enum Unit: Sendable, Equatable {
    /// Things, named in the plural ("reviews").
    case items(String)
    /// Bytes, shown in MB (10⁶ bytes).
    case bytes
  }

  /// The stage name that starts each line.
  public let label: String
  /// The count at which the work is done, when known.
  public let total: Int?
  /// What `completed` and `total` count.
  public let unit: Unit
  /// Work done so far.
  public private(set) var completed = 0
  /// Extra figures shown after the rate, e.g. "loss 0.41, accuracy 81.2%".
  public var detail: String?

  private let style: Style
  private let write: (String) -> Void
  private let stopwatch = Stopwatch()
  private var nextDraw: Double
  private var shown = false
  private var finished = false

  /// A progress line for `label`; `write` receives each piece of text to show.
  public init(
    label: String, total: Int?, unit: Unit, style: Style,
    write: @escaping (String) -> Void = Progress.writeToStandardError
  ) {
    self.label = label
    self.total = total
    self.unit = unit
    self.style = style
    self.write = write
    switch style {
    case .terminal: nextDraw = 0.5
    case .log(let interval): nextDraw = interval
    case .silent: nextDraw = .infinity
    }
  }

  /// Writes `text` to standard error as it is.
  public static func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Adds `count` to the work done.
  public func advance(by count: Int = 1) {
    update(completed: completed + count)
  }

  /// Sets the work done so far; redraws when the style's interval has passed.
  public func update(completed: Int) {
    self.completed = completed
    guard !finished else { return }
    let now = stopwatch.seconds
    if now >= nextDraw { draw(at: now, final: false) }
  }

  /// Ends the line: a last figure with the total time if anything was shown, else nothing.
  /// `Job` calls this when the stage returns; later calls do nothing.
  public func finish() {
    guard !finished else { return }
    finished = true
    if shown { draw(at: stopwatch.seconds, final: true) }
  }

  private func draw(at now: Double, final: Bool) {
    let line = describe(elapsed: now, final: final)
    switch style {
    case .terminal:
      write("\r" + line + "\u{1B}[K" + (final ? "\n" : ""))
      nextDraw = now + 0.1
    case .log(let interval):
      write(line + "\n")
      nextDraw = now + interval
    case .silent:
      return
    }
    shown = true
  }

  // "read corpus: 23.1/56.0 MB (41%), 40.2 MB/s, ETA 0:01"; the last line ends "done in 1.4 s".
  private func describe(elapsed: Double, final: Bool) -> String {
    let rate = elapsed > 0 ? Double(completed) / elapsed : 0
    var text = "\(label): \(amount(completed))"
    if let total {
      text += "/\(amount(total)) \(unitName)"
      if total > 0 { text += " (\(completed * 100 / total)%)" }
    } else {
      text += " \(unitName)"
    }
    text += ", \(amount(Int(rate.rounded()))) \(unitName)/s"
    if let detail { text += ", \(detail)" }
    if final {
      text += ", done in \(String(format: "%.1f", elapsed)) s"
    } else if let total, rate > 0 {
      let left = Int((Double(max(total - completed, 0)) / rate).rounded(.up))
      text += ", ETA \(left / 60):\(String(format: "%02d", left % 60))"
    }
    return text
  }

  private func amount(_ count: Int) -> String {
    switch unit {
    case .items: return String(count)
    case .bytes: return String(format: "%.1f", Double(count) / 1e6)
    }
  }

  private var unitName: String {
    switch unit {
    case .items(let name): return name
    case .bytes: return "MB"
    }
  }
}
