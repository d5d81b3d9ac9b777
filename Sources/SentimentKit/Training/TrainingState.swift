import Foundation

/// Where an interrupted training run stands after its last completed epoch: kept in the model
/// folder as `training-state.safetensors` (the optimizer's buffers as tensors, the counters and
/// history as JSON metadata), so `train --resume` continues to the same weights as an
/// uninterrupted run.
public struct TrainingState: Codable, Equatable, Sendable {
  /// The file's name inside a model folder.
  public static let fileName = "training-state.safetensors"

  /// Epochs finished.
  public var epochsCompleted = 0
  /// Optimizer updates made (drives the schedule and Adam's bias correction).
  public var updates = 0
  /// One record per finished epoch.
  public var history: [EpochRecord] = []
  /// Validation loss of the best epoch so far (by the configured monitor).
  public var bestValidationLoss: Double?
  /// Validation accuracy of the best epoch so far.
  public var bestValidationAccuracy: Double?
  /// The best epoch so far.
  public var bestEpoch: Int?
  /// Set when training ended after `bestEpoch` and its weights were put back: the epoch whose
  /// weights the model folder holds.
  public var restoredEpoch: Int?
  /// Epochs since the monitored validation figure last improved.
  public var epochsWithoutImprovement = 0
  /// Whether early stopping ended the run.
  public var stoppedEarly = false
  /// The command line that started the run.
  public var command: String?
  /// Once the run is over: its accuracy on the test split, and on how many reviews.
  public var testAccuracy: Double?
  /// The test reviews scored.
  public var testCount: Int?
  /// Once the run is over: the seconds of the whole job (reading, training, testing).
  public var seconds: Double?

  /// A state before any training.
  public init() {}

  /// The epoch whose weights the model holds: the restored best one, or the last.
  public var modelEpoch: Int { restoredEpoch ?? epochsCompleted }

  /// Writes the state and `optimizerTensors` into `folder` atomically.
  public func save(optimizerTensors: [NamedTensor<Float>], in folder: URL) throws {
    let json = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    try Safetensors.write(
      optimizerTensors, metadata: ["training_state": json],
      to: folder.appendingPathComponent(Self.fileName))
  }

  /// Reads the state from `folder` and loads the optimizer buffers into `optimizerTensors`.
  public static func load(from folder: URL, into optimizerTensors: [NamedTensor<Float>]) throws
    -> TrainingState
  {
    let (state, file) = try read(from: folder)
    try file.load(into: optimizerTensors)
    return state
  }

  /// Reads only the counters and history from `folder` (for reports).
  public static func read(from folder: URL) throws -> (TrainingState, Safetensors) {
    let url = folder.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw TrainingError.cannotResume("\(url.path) is missing: this folder holds no run to resume")
    }
    let file = try Safetensors(contentsOf: url)
    guard let json = file.metadata["training_state"],
      let state = try? JSONDecoder().decode(TrainingState.self, from: Data(json.utf8))
    else { throw TrainingError.cannotResume("\(url.path) has no readable training_state metadata") }
    return (state, file)
  }
}
