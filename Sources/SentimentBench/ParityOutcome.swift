import Foundation
import SentimentKit
import SentimentParity

/// One parity case file as `sentiment bench` ran it: in Float through the training code path
/// (`ParityFile.runTrainingPath`), or the error that stopped it.
public struct ParityOutcome {
  /// The file's name, e.g. "lstm.json".
  public let file: String
  /// The comparison, or why there is none (a malformed file, a model not run here).
  public let result: Result<ParityResult, Error>

  /// Every `.json` case in `folder`, sorted by name; nil when there is no such folder.
  public static func runAll(in folder: String) throws -> [ParityOutcome]? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue
    else { return nil }
    return try ParityFile.urls(in: URL(fileURLWithPath: folder)).map { url in
      ParityOutcome(
        file: url.lastPathComponent,
        result: Result { try ParityFile(contentsOf: url).runTrainingPath() })
    }
  }

  /// The case's name: the file's without ".json".
  public var name: String { file.hasSuffix(".json") ? String(file.dropLast(5)) : file }

  /// Whether the case ran and every quantity is within its tolerance.
  public var passed: Bool { (try? result.get().passed) ?? false }

  /// What went wrong, in one line that names the file: the error, or each quantity outside its
  /// tolerance with its worst element; nil when the case passed.
  public var problem: String? {
    switch result {
    case .failure(let error):
      return "\(error)"  // names the file
    case .success(let run) where !run.passed:
      return "\(file): "
        + run.failures.map { quantity in
          "\(quantity.name) \(quantity.deviation)"
            + (quantity.deviation.worst.map { ", \($0)" } ?? "")
        }.joined(separator: "; ")
    case .success:
      return nil
    }
  }
}
