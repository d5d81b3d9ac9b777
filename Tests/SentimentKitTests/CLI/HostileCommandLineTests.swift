import Foundation
import SentimentKit
import XCTest

/// The command-line tool on values and inputs that used to crash, hang, pass silently or lose a
/// file: each now ends with a usage error (status 64) or a one-line error (status 1).
final class HostileCommandLineTests: XCTestCase {
  /// Values that parse but cannot be used: refused before any data is read.
  func testUnusableOptionValuesAreUsageErrors() throws {
    let cases: [([String], String)] = [
      (["train", "--vocab-size", "9223372036854775807"], "vocabulary must keep"),
      (["train", "--hidden", "9223372036854775807"], "allowed"),
      (["train", "--hidden", "1000000"], "allowed"),
      (["train", "--optimizer", "sgd", "--momentum", "nan"], "momentum"),
      (["train", "--clip-norm", "-1"], "--clip-norm"),
      (["train", "--clip-norm", "nan"], "--clip-norm"),
      (["train", "--patience", "-1"], "--patience"),
      (["train", "--forget-bias", "nan"], "forget bias"),
      (["train", "--learning-rate", "inf"], "learning rate"),
      (["compare", "--hidden", "1000000"], "allowed"),
      (["bench", "--infer-reviews", "999999999"], "--infer-reviews"),
      (["data", "--vocab-size", "99999999999"], "--vocab-size"),
    ]
    let folder = try temporaryDirectory()
    for (arguments, message) in cases {
      let outcome = try SentimentTool.run(arguments + ["--data", "/nonexistent"], in: folder)
      XCTAssertEqual(outcome.status, 64, "\(arguments): \(outcome.errors)")
      XCTAssertTrue(outcome.errors.contains(message), "\(arguments): \(outcome.errors)")
    }
  }

  /// A folder that is not the aclImdb layout, or holds no review of a split or label: an error
  /// naming what is missing, not a report on zero reviews. Read as aclImdb (`data`, or
  /// `--format imdb`) the missing splits and labels are named; without imdb.vocab such a folder
  /// is detected as class folders, which say they have no reviews or only one class.
  func testIncompleteCorporaAreErrors() throws {
    let folder = try temporaryDirectory()
    try TestModel().save(in: folder, as: "model")
    let empty = folder.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let positiveOnly = folder.appendingPathComponent("pos-only/aclImdb")
    for split in ["train", "test"] {
      let reviews = positiveOnly.appendingPathComponent("\(split)/pos")
      try FileManager.default.createDirectory(at: reviews, withIntermediateDirectories: true)
      try Data("great film".utf8).write(to: reviews.appendingPathComponent("1_9.txt"))
    }
    let asArchive = [["evaluate", "--model", "model", "--format", "imdb"], ["data"], ["train", "--epochs", "1", "--format", "imdb"]]
    for data in [empty.path, positiveOnly.path] {
      for arguments in asArchive {
        let outcome = try SentimentTool.run(arguments + ["--data", data], in: folder)
        XCTAssertEqual(outcome.status, 1, "\(arguments) \(data): \(outcome.errors)")
        XCTAssertTrue(outcome.errors.contains("no reviews in"), "\(arguments): \(outcome.errors)")
        XCTAssertTrue(outcome.errors.contains("train/neg"), outcome.errors)
      }
    }
    for (data, message) in [(empty.path, "empty: no training reviews"), (positiveOnly.path, "only one class, \"pos\"")] {
      for arguments in [["evaluate", "--model", "model"], ["train", "--epochs", "1"]] {
        let outcome = try SentimentTool.run(arguments + ["--data", data], in: folder)
        XCTAssertEqual(outcome.status, 1, "\(arguments) \(data): \(outcome.errors)")
        XCTAssertTrue(outcome.errors.contains(message), "\(arguments): \(outcome.errors)")
      }
    }
  }

  /// No input found: the header still, a line saying so, and status 1.
  func testNothingToClassifySaysSo() throws {
    let folder = try temporaryDirectory()
    try TestModel().save(in: folder, as: "model")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("none"), withIntermediateDirectories: true)
    for (paths, input) in [(["none"], nil), (["-"], ""), (["none", "-"], "")] as [([String], String?)] {
      let outcome = try SentimentTool.run(["classify", "--model", "model"] + paths, in: folder, input: input)
      XCTAssertEqual(outcome.status, 1, "\(paths)")
      XCTAssertEqual(outcome.output, "source\tlabel\tprobability\tp_neg\tp_pos\terror\n", "\(paths)")
      XCTAssertTrue(outcome.errors.contains("no reviews found"), outcome.errors)
    }
  }

  /// `--output` on a FIFO (as on a device) is refused and the FIFO left as it is.
  func testOutputOnAFIFOIsRefused() throws {
    let folder = try temporaryDirectory()
    try TestModel().save(in: folder, as: "model")
    let fifo = folder.appendingPathComponent("out.tsv").path
    XCTAssertEqual(mkfifo(fifo, 0o644), 0)
    let outcome = try SentimentTool.run(
      ["classify", "--model", "model", "--output", "out.tsv", "-"], in: folder, input: "good film\n")
    XCTAssertEqual(outcome.status, 1)
    XCTAssertTrue(outcome.errors.contains("is a FIFO, not a regular file"), outcome.errors)
    var info = stat()
    XCTAssertEqual(lstat(fifo, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
  }

  /// SIGTERM and SIGINT while `--output` is being written remove its temporary file.
  func testASignalRemovesTheTemporaryOutput() throws {
    for signal in [SIGTERM, SIGINT] {
      let folder = try temporaryDirectory()
      try TestModel().save(in: folder, as: "model")
      let process = Process()
      process.executableURL = try SentimentTool.url()
      process.arguments = ["classify", "--model", "model", "--output", "rows.tsv", "-"]
      process.currentDirectoryURL = folder
      let input = Pipe()
      process.standardInput = input
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Standard input stays open, so the run waits with its temporary file in place.
      func partials() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".partial") }
      }
      var waited = 0
      while try partials().isEmpty && process.isRunning && waited < 1200 {
        usleep(50_000)
        waited += 1
      }
      XCTAssertEqual(try partials().count, 1, "the temporary file appeared")
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      XCTAssertEqual(process.terminationReason, .uncaughtSignal)
      XCTAssertEqual(process.terminationStatus, signal)
      XCTAssertEqual(try partials(), [], "signal \(signal)")
      XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("rows.tsv").path))
    }
  }

  /// A file name that is not UTF-8, given on the command line: read by its bytes, shown with
  /// \xNN; as --output it is refused rather than written under another name.
  func testFileNamesThatAreNotUTF8() throws {
    let folder = try temporaryDirectory()
    try TestModel().save(in: folder, as: "model")
    let tool = try SentimentTool.url().path
    func shell(_ script: String) throws -> (Int32, String, String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", script, tool]
      process.currentDirectoryURL = folder
      let (output, errors) = (Pipe(), Pipe())
      process.standardOutput = output
      process.standardError = errors
      try process.run()
      let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, out, err)
    }
    let (status, output, errors) = try shell(
      #"name=$(printf 'caf\351.txt'); printf 'a wonderful film' > "$name"; exec "$0" classify --model model "$name""#)
    XCTAssertEqual(status, 0, errors)
    // The TSV format writes a backslash as \\.
    XCTAssertTrue(output.contains("caf\\\\xE9.txt\tpos") || output.contains("caf\\\\xE9.txt\tneg"), output)
    let (refused, _, why) = try shell(
      #"exec "$0" classify --model model --output "$(printf 'out\351.tsv')" -"#)
    XCTAssertEqual(refused, 64)
    XCTAssertTrue(why.contains("not UTF-8"), why)
  }

  /// Standard output on a full disk: the system's reason, not a Foundation error code.
  func testAFullStandardOutputSaysSo() throws {
    let folder = try temporaryDirectory()
    try TestModel().save(in: folder, as: "model")
    let process = Process()
    process.executableURL = try SentimentTool.url()
    process.arguments = ["classify", "--model", "model", "-"]
    process.currentDirectoryURL = folder
    let input = folder.appendingPathComponent("in")
    try Data("a wonderful film\n".utf8).write(to: input)
    process.standardInput = try FileHandle(forReadingFrom: input)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 1)
    XCTAssertTrue(text.contains("standard output: cannot write: No space left on device"), text)
    XCTAssertFalse(text.contains("NSCocoaErrorDomain"), text)
  }
}
