import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment bench`: measures the pipeline against simple baselines and writes
/// Reports/benchmarks.md. Each benchmark is a section; model benchmarks add theirs to `run`.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure throughput and memory; writes Reports/benchmarks.md.")

  @OptionGroup var archive: ArchiveOption

  @Flag(help: "Print one JSON object instead of tables.")
  var json = false

  @Option(help: "Where to write the Markdown report.")
  var report = "Reports/benchmarks.md"

  func run() throws {
    let path = try archive.resolve()
    let machine = Machine.current()  // before the work, so the load average is others' work
    let sections = [try dataSection(archive: path)]
    let result = BenchReport(
      command: (["sentiment"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
      date: ISO8601DateFormatter().string(from: Date()), machine: machine, sections: sections)
    try result.write(to: report)
    print(json ? try result.json() : result.text + "\n\nWrote \(report)")
  }

  // Reading, tokenizing and encoding the 50,000 labelled reviews, against `gzip -dc` alone.
  private func dataSection(archive: String) throws -> BenchSection {
    let gzip = try gzipSeconds(archive)
    let job = Job()
    let data = try PreparedData(archive: archive, maxWords: 20_000, job: job)
    let pipeline = job.totalSeconds
    let peak = peakMemoryMiB()
    let textMB = Double(data.reviews.reduce(0) { $0 + $1.text.utf8.count }) / 1e6
    typealias Row = BenchSection.Row
    var rows = [Row(name: "gzip -dc > /dev/null", value: gzip, unit: "s")]
    rows += job.records.map { Row(name: "stage: \($0.name)", value: $0.seconds, unit: "s") }
    rows += [
      Row(name: "read + tokenize + encode", value: pipeline, unit: "s"),
      Row(
        name: "ratio to gzip -dc", value: pipeline / gzip, unit: "×", target: "≤ 2.5×",
        met: pipeline / gzip <= 2.5),
      Row(name: "labelled reviews", value: Double(data.reviews.count), unit: ""),
      Row(name: "tokens", value: Double(data.sequences.reduce(0) { $0 + $1.count }), unit: ""),
      Row(name: "review text per second", value: textMB / pipeline, unit: "MB/s"),
      Row(
        name: "peak memory (process)", value: peak, unit: "MiB", target: "< 1024 MiB",
        met: peak < 1024),
    ]
    return BenchSection(
      title: "Data pipeline (\(archive))", rows: rows,
      notes: [
        "Timed: `gzip -dc` of the archive to /dev/null (run first, so both read a warm page "
          + "cache), then one run of the data stages: read the archive (zlib inflate, tar, "
          + "UTF-8 check of all 50,000 labelled reviews), build the 20,000-word vocabulary "
          + "from the 25,000 train reviews, and encode all 50,000 reviews on "
          + "\(ProcessInfo.processInfo.activeProcessorCount) threads. Peak memory is "
          + "getrusage's ru_maxrss for this process."
      ])
  }

  private func gzipSeconds(_ archive: String) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-dc", archive]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    let stopwatch = Stopwatch()
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CommandFailure(
        "gzip -dc \(archive) failed (status \(process.terminationStatus)); "
          + "bench needs the .tar.gz archive")
    }
    return stopwatch.seconds
  }

  private func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
  }
}
