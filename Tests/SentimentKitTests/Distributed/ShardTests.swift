import SentimentKit
import XCTest

/// The dealing rule of data-parallel work, and how a process learns it runs under mpirun.
final class ShardTests: XCTestCase {
  func testItemsAreDealtInTurnAndReassembleInOrder() {
    let shard = Shard(count: 7, ranks: 3)
    XCTAssertEqual((0..<3).map(shard.members(of:)), [[0, 3, 6], [1, 4], [2, 5]])
    let parts = (0..<3).map { rank in shard.members(of: rank).map { "item \($0)" } }
    XCTAssertEqual(shard.reassemble(parts), (0..<7).map { "item \($0)" })
  }

  func testMoreRanksThanItemsLeavesSomeRanksIdle() {
    let shard = Shard(count: 2, ranks: 4)
    XCTAssertEqual((0..<4).map { shard.members(of: $0).count }, [1, 1, 0, 0])
    XCTAssertEqual(shard.reassemble([[10], [11], [], []]), [10, 11])
  }

  func testWithoutMPIRunNothingChanges() {
    let alone = LaunchEnvironment([:])
    XCTAssertFalse(alone.isMPIRun)
    XCTAssertEqual(alone.rank, 0)
    XCTAssertEqual(alone.coresPerProcess(active: 8, installed: 8), 8)
  }

  func testRanksShareTheCoresUnlessMPIRunBoundThem() {
    let launched = LaunchEnvironment([
      "OMPI_COMM_WORLD_SIZE": "4", "OMPI_COMM_WORLD_RANK": "3", "OMPI_COMM_WORLD_LOCAL_SIZE": "2",
    ])
    XCTAssertTrue(launched.isMPIRun)
    XCTAssertEqual(launched.worldSize, 4)
    XCTAssertEqual(launched.rank, 3)
    XCTAssertEqual(launched.coresPerProcess(active: 8, installed: 8), 4, "unbound: shared out")
    XCTAssertEqual(launched.coresPerProcess(active: 1, installed: 8), 1, "bound to one core")
    XCTAssertEqual(launched.coresPerProcess(active: 1, installed: 1), 1, "never below one")
  }
}
