import Foundation

/// How this process was started, read from the environment alone (no MPI call): Open MPI's
/// `mpirun` sets OMPI_COMM_WORLD_SIZE, _RANK and _LOCAL_SIZE in every rank it starts. Without them
/// the process is on its own and nothing distributed happens: MPI is never initialised.
public struct LaunchEnvironment: Sendable {
  /// Ranks in the job; nil when not started by mpirun.
  public let worldSize: Int?
  /// This process's rank (0 without mpirun).
  public let rank: Int
  /// Ranks of the job on this machine (1 without mpirun).
  public let localSize: Int

  /// The environment of this process, read once.
  public static let current = LaunchEnvironment(ProcessInfo.processInfo.environment)

  /// The launch that `variables` describe.
  public init(_ variables: [String: String]) {
    worldSize = variables["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init).map { max(1, $0) }
    rank = variables["OMPI_COMM_WORLD_RANK"].flatMap(Int.init) ?? 0
    localSize = max(1, variables["OMPI_COMM_WORLD_LOCAL_SIZE"].flatMap(Int.init) ?? 1)
  }

  /// Whether mpirun started this process.
  public var isMPIRun: Bool { worldSize != nil }

  /// The cores this process may use for its own threads: the cores its affinity mask allows,
  /// shared out among the ranks on this machine unless mpirun already bound each rank to its own
  /// cores (the mask is then narrower than the machine). So 2 ranks on 2 cores run 1 thread each.
  public func coresPerProcess(active: Int, installed: Int) -> Int {
    guard isMPIRun, active >= installed else { return max(1, active) }
    return max(1, active / localSize)
  }
}
