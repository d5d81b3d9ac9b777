import CMPI
import Foundation

/// The ranks of an `mpirun` job (Open MPI's MPI_COMM_WORLD): who this process is, and the few
/// collectives data-parallel training and sharded classification need. Every collective moves
/// bytes and every sum is taken here, in rank order 0, 1, …, N−1, on every rank, so each rank
/// gets the same bits and two runs of the same job get the same bits (MPI_Allreduce leaves the
/// order of a floating-point sum to the library).
///
/// MPI is initialised on first use of `world`, and only when mpirun started the process
/// (`LaunchEnvironment`); it is finalised at exit. A failed MPI call, or a rank that cannot go
/// on, ends the whole job through `abort`: the other ranks would otherwise wait forever.
public final class Communicator {
  /// This process's rank, 0 ..< size.
  public let rank: Int
  /// Ranks in the job.
  public let size: Int
  private let comm: MPI_Comm?  // MPI_COMM_WORLD; imported as optional, never nil

  /// The job's communicator, MPI initialised now; nil when mpirun did not start this process.
  public static let world: Communicator? = LaunchEnvironment.current.isMPIRun ? Communicator() : nil

  private init() {
    var provided: Int32 = 0
    let status = MPI_Init_thread(nil, nil, sentiment_mpi_thread_funneled(), &provided)
    comm = sentiment_mpi_comm_world()
    var rank: Int32 = 0
    var size: Int32 = 1
    if status == sentiment_mpi_success() {
      // Failures come back as status codes, so `check` can name the call before aborting.
      MPI_Comm_set_errhandler(comm, sentiment_mpi_errors_return())
      MPI_Comm_rank(comm, &rank)
      MPI_Comm_size(comm, &size)
    }
    self.rank = Int(rank)
    self.size = Int(size)
    check(status, "MPI_Init_thread")
    atexit { Communicator.finalize() }
  }

  /// Whether this is rank 0, the one that writes files, reports and progress.
  public var isRoot: Bool { rank == 0 }

  /// Returns when every rank has called it.
  public func barrier() {
    check(MPI_Barrier(comm), "MPI_Barrier")
  }

  /// Every rank's `values`, indexed by rank, on every rank (the ranks may pass different counts).
  public func allGather<T: BitwiseCopyable>(_ values: [T]) -> [[T]] {
    let (counts, displacements) = layout(byteCount: values.count * MemoryLayout<T>.stride)
    var received = [UInt8](repeating: 0, count: total(counts))
    values.withUnsafeBytes { sent in
      received.withUnsafeMutableBytes { target in
        check(
          MPI_Allgatherv(
            sent.baseAddress, Int32(sent.count), sentiment_mpi_byte(), target.baseAddress, counts,
            displacements, sentiment_mpi_byte(), comm), "MPI_Allgatherv")
      }
    }
    return Self.split(received, counts: counts, displacements: displacements)
  }

  /// Every rank's `values` (the ranks may pass different counts), indexed by rank, on rank 0;
  /// nil on the others.
  public func gatherToRoot<T: BitwiseCopyable>(_ values: [T]) -> [[T]]? {
    var count = Int32(checkedByteCount(values.count * MemoryLayout<T>.stride))
    var counts = [Int32](repeating: 0, count: isRoot ? size : 0)
    check(
      MPI_Gather(
        &count, 1, sentiment_mpi_int(), &counts, 1, sentiment_mpi_int(), 0, comm), "MPI_Gather")
    let displacements = isRoot ? Self.displacements(counts) : []
    var received = [UInt8](repeating: 0, count: isRoot ? checkedByteCount(total(counts)) : 0)
    values.withUnsafeBytes { sent in
      received.withUnsafeMutableBytes { target in
        check(
          MPI_Gatherv(
            sent.baseAddress, count, sentiment_mpi_byte(), target.baseAddress, counts,
            displacements, sentiment_mpi_byte(), 0, comm), "MPI_Gatherv")
      }
    }
    return isRoot ? Self.split(received, counts: counts, displacements: displacements) : nil
  }

  /// The elementwise sum of every rank's `values` (all of one length), on every rank: rank 0's
  /// plus rank 1's plus …, in that order, so every rank and every run gets the same bits.
  public func sum<T: BitwiseCopyable & AdditiveArithmetic>(_ values: [T]) -> [T] {
    let parts = allGather(values)
    if let odd = parts.firstIndex(where: { $0.count != values.count }) {
      abort("rank \(odd) sent \(parts[odd].count) values to sum, rank \(rank) \(values.count)")
    }
    var total = parts[0]
    for part in parts.dropFirst() {
      for i in total.indices { total[i] += part[i] }
    }
    return total
  }

  /// Ends the whole job: writes "Error: rank r of N: message" to standard error and calls
  /// MPI_Abort, which stops every rank; mpirun then exits with `status`.
  public func abort(_ message: String, status: Int32 = 1) -> Never {
    Self.abort(comm, rank: rank, size: size, message, status: status)
  }

  /// When this process has joined an MPI job (MPI initialised, not finalised), ends the whole job
  /// as `abort` does; otherwise returns, and the caller exits as it would alone.
  public static func abortIfJoined(_ message: String, status: Int32 = 1) {
    guard isJoined else { return }
    let comm = sentiment_mpi_comm_world()
    var rank: Int32 = 0
    var size: Int32 = 1
    MPI_Comm_rank(comm, &rank)
    MPI_Comm_size(comm, &size)
    abort(comm, rank: Int(rank), size: Int(size), message, status: status)
  }

  // MARK: - Helpers

  /// Whether MPI is initialised and not yet finalised in this process.
  private static var isJoined: Bool {
    var initialised: Int32 = 0
    var finalised: Int32 = 0
    MPI_Initialized(&initialised)
    MPI_Finalized(&finalised)
    return initialised != 0 && finalised == 0
  }

  private static func abort(
    _ comm: MPI_Comm?, rank: Int, size: Int, _ message: String, status: Int32
  ) -> Never {
    FileHandle.standardError.write(Data("Error: rank \(rank) of \(size): \(message)\n".utf8))
    MPI_Abort(comm, status)
    exit(status)  // MPI_Abort does not return; should it, this process still ends
  }

  /// MPI_Finalize at exit, unless the job was aborted or never joined.
  private static func finalize() {
    if isJoined { MPI_Finalize() }
  }

  /// Every rank's byte count and where each starts in the gathered bytes.
  private func layout(byteCount: Int) -> (counts: [Int32], displacements: [Int32]) {
    var count = Int32(checkedByteCount(byteCount))
    var counts = [Int32](repeating: 0, count: size)
    check(
      MPI_Allgather(&count, 1, sentiment_mpi_int(), &counts, 1, sentiment_mpi_int(), comm),
      "MPI_Allgather")
    _ = checkedByteCount(total(counts))
    return (counts, Self.displacements(counts))
  }

  private func total(_ counts: [Int32]) -> Int { counts.reduce(0) { $0 + Int($1) } }

  /// `count`, when MPI's 32-bit counts can carry it; else the job ends naming the size.
  private func checkedByteCount(_ count: Int) -> Int {
    if count > Int(Int32.max) {
      abort("\(count) bytes in one collective: more than MPI's 2 GiB limit on counts")
    }
    return count
  }

  /// Where each rank's bytes start: the running sum of the counts before it.
  private static func displacements(_ counts: [Int32]) -> [Int32] {
    var starts: [Int32] = []
    var next: Int32 = 0
    for count in counts {
      starts.append(next)
      next += count
    }
    return starts
  }

  /// The gathered bytes cut into each rank's values.
  private static func split<T: BitwiseCopyable>(
    _ bytes: [UInt8], counts: [Int32], displacements: [Int32]
  ) -> [[T]] {
    zip(counts, displacements).map { count, start in
      let n = Int(count) / MemoryLayout<T>.stride
      return [T](unsafeUninitializedCapacity: n) { buffer, initialised in
        bytes.withUnsafeBytes { source in
          UnsafeMutableRawBufferPointer(buffer).copyMemory(
            from: UnsafeRawBufferPointer(rebasing: source[Int(start)..<Int(start) + Int(count)]))
        }
        initialised = n
      }
    }
  }

  /// Aborts the job naming `call` and MPI's own words for `status` unless it is MPI_SUCCESS.
  private func check(_ status: Int32, _ call: String) {
    guard status != sentiment_mpi_success() else { return }
    var text = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
    var length: Int32 = 0
    MPI_Error_string(status, &text, &length)
    abort("\(call) failed: \(String(cString: text))", status: 70)
  }
}
