import SentimentKit
import Foundation

/// The whole benchmark report: the command, the machine and one section per benchmark.
public struct BenchReport: Codable {
  public var command: String
  public var date: String
  public var machine: Machine
  public var sections: [BenchSection]
  /// The sgemm ceiling measured in the same run (both cores), when models were measured.
  public var sgemmGflops: Double?
  /// The fastest sgemm this CPU runs (OpenBLAS's AVX-512 kernel in a child process, when the
  /// process's kernel is narrower), when models were measured.
  public var fastestSgemmGflops: Double?
  /// Each model's figures.
  public var models: [ModelFigures] = []
  /// The peer results compared with, and when they were written.
  public var peers: [PeerResult] = []
  public var peersWritten: String?
  /// Each parity case run in Float through the training code path (empty without a parity
  /// folder).
  public var parity: [ParityFigures] = []

  /// A report of `sections`, the rest filled in as the bench goes.
  public init(command: String, date: String, machine: Machine, sections: [BenchSection]) {
    self.command = command
    self.date = date
    self.machine = machine
    self.sections = sections
  }

  public enum CodingKeys: String, CodingKey {
    case command, date, machine, sections, models, peers, parity
    case sgemmGflops = "sgemm_gflops"
    case fastestSgemmGflops = "fastest_sgemm_gflops"
    case peersWritten = "peers_written"
  }

  /// Markdown for Reports/benchmarks.md; the command that made it is on line 1.
  public var markdown: String {
    var parts = [
      "# Benchmarks: `\(command)`",
      "Run \(date) on \(machine.cpuSummary), \(machine.cores) cores; load average "
        + "\(machine.load) at the start.",
    ]
    parts += sections.map(\.markdown)
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// Plain text for the terminal.
  public var text: String {
    let machineLine = "\(machine.cpuSummary), \(machine.cores) cores, load average \(machine.load)"
    return ([machineLine] + sections.map(\.text)).joined(separator: "\n\n")
  }

  /// One JSON object; a non-finite figure (a parity error of ∞) as the string "inf" or "nan".
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }

  /// Writes the Markdown to `path` all at once: a temporary file beside it, then a rename.
  public func write(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(markdown.utf8).write(to: url, options: .atomic)
  }
}
