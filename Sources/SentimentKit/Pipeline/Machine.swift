import Foundation

/// The computer a benchmark ran on.
public struct Machine: Codable {
  /// The CPU model from /proc/cpuinfo ("unknown" elsewhere).
  public var cpu: String
  /// Cores available to the process.
  public var cores: Int
  /// The 1, 5 and 15 minute load averages from /proc/loadavg when measured: other work on
  /// the machine slows every figure.
  public var load: String

  /// A machine as described.
  public init(cpu: String, cores: Int, load: String) {
    self.cpu = cpu
    self.cores = cores
    self.load = load
  }

  /// This machine.
  public static func current() -> Machine {
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
  public var summary: String { "\(cpu), \(cores) cores" }
}
