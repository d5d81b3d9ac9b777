import Foundation

/// The computer a benchmark ran on.
public struct Machine: Codable {
  /// The CPU model from /proc/cpuinfo ("unknown" elsewhere).
  public var cpu: String
  /// The widest vector instructions the CPU has ("AVX-512", "AVX2", or nil: older or not
  /// known). Machines sold under one model name differ here, and the products run about twice
  /// as fast with the wider vectors, so every timed figure names it.
  public var vectors: String?
  /// Cores available to the process.
  public var cores: Int
  /// The 1, 5 and 15 minute load averages from /proc/loadavg when measured: other work on
  /// the machine slows every figure.
  public var load: String

  /// A machine as described.
  public init(cpu: String, vectors: String? = nil, cores: Int, load: String) {
    self.cpu = cpu
    self.vectors = vectors
    self.cores = cores
    self.load = load
  }

  /// This machine.
  public static func current() -> Machine {
    let info = cpuInfo
    let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    let name = model?.split(separator: ":", maxSplits: 1).last?
      .trimmingCharacters(in: .whitespaces)
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
      .split(separator: " ").prefix(3).joined(separator: " ")
    let flags = cpuFlags(in: info)
    let vectors = flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : nil
    return Machine(
      cpu: name ?? "unknown", vectors: vectors, cores: ProcessInfo.processInfo.activeProcessorCount,
      load: load ?? "unknown")
  }

  /// The feature flags of this machine's CPU ("avx2", "fma", …) from /proc/cpuinfo; empty
  /// elsewhere.
  public static func cpuFlags() -> Set<Substring> { cpuFlags(in: cpuInfo) }

  /// /proc/cpuinfo's text ("" elsewhere).
  private static var cpuInfo: String {
    (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
  }

  /// The flags of the first CPU that `info` (/proc/cpuinfo's text) lists.
  private static func cpuFlags(in info: String) -> Set<Substring> {
    Set(info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? [])
  }

  /// "CPU model (vectors), N cores".
  public var summary: String { "\(cpuSummary), \(cores) cores" }

  /// "CPU model (vectors)", or the model alone when the vectors are not known.
  public var cpuSummary: String { vectors.map { "\(cpu) (\($0))" } ?? cpu }
}
