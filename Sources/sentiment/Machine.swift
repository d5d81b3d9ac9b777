import Foundation

/// The computer a benchmark ran on.
struct Machine: Codable {
  /// The CPU model from /proc/cpuinfo ("unknown" elsewhere).
  var cpu: String
  /// Cores available to the process.
  var cores: Int
  /// The 1, 5 and 15 minute load averages from /proc/loadavg when measured: other work on
  /// the machine slows every figure.
  var load: String

  /// This machine.
  static func current() -> Machine {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    let name = model?.split(separator: ":", maxSplits: 1).last?
      .trimmingCharacters(in: .whitespaces)
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
      .split(separator: " ").prefix(3).joined(separator: " ")
    return Machine(
      cpu: name ?? "unknown", cores: ProcessInfo.processInfo.activeProcessorCount,
      load: load ?? "unknown")
  }

  /// "CPU model, N cores".
  var summary: String { "\(cpu), \(cores) cores" }
}
