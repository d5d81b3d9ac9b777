import Foundation
import SentimentKit
import XCTest

/// `AtomicFolder.replace`: the folder holds the old files or the new ones, whatever moment a
/// run is killed at, so a checkpoint is one step and `--resume` always finds a whole one.
final class AtomicFolderTests: XCTestCase {
  private func names(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  private func text(_ folder: URL, _ name: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  func testCreatesTheFolderAndItsParents() throws {
    let parent = try temporaryDirectory()
    let folder = parent.appendingPathComponent("models/new")
    try AtomicFolder.replace(folder) { staging in
      try Data("1".utf8).write(to: staging.appendingPathComponent("a"))
    }
    XCTAssertEqual(try names(folder), ["a"])
    XCTAssertEqual(try names(parent.appendingPathComponent("models")), ["new"], "no staging left")
  }

  /// While the new files are written the folder is the old one, whole; after, it is the new one,
  /// and files the writer did not touch (a user's notes) are still there.
  func testTheFolderIsTheOldOneUntilTheSwap() throws {
    let parent = try temporaryDirectory()
    let folder = parent.appendingPathComponent("model")
    try AtomicFolder.replace(folder) { staging in
      for name in ["weights", "config"] {
        try Data("epoch 1".utf8).write(to: staging.appendingPathComponent(name))
      }
    }
    try Data("mine".utf8).write(to: folder.appendingPathComponent("notes"))
    try AtomicFolder.replace(folder) { staging in
      for name in ["weights", "config"] {
        try AtomicFile.write(Data("epoch 2".utf8), to: staging.appendingPathComponent(name))
        XCTAssertEqual(try self.text(folder, "weights"), "epoch 1", "killed now: the old checkpoint")
        XCTAssertEqual(try self.text(folder, "config"), "epoch 1")
      }
    }
    XCTAssertEqual(try names(folder), ["config", "notes", "weights"])
    XCTAssertEqual(try text(folder, "weights"), "epoch 2")
    XCTAssertEqual(try text(folder, "config"), "epoch 2")
    XCTAssertEqual(try text(folder, "notes"), "mine")
    XCTAssertEqual(try names(parent), ["model"], "no staging or old folder left")
  }

  /// A writer that fails leaves the folder as it was and no staging folder.
  func testAFailedWriteChangesNothing() throws {
    let parent = try temporaryDirectory()
    let folder = parent.appendingPathComponent("model")
    try AtomicFolder.replace(folder) { try Data("old".utf8).write(to: $0.appendingPathComponent("a")) }
    struct Interrupted: Error {}
    XCTAssertThrowsError(
      try AtomicFolder.replace(folder) { staging in
        try Data("new".utf8).write(to: staging.appendingPathComponent("a"))
        throw Interrupted()
      })
    XCTAssertEqual(try text(folder, "a"), "old")
    XCTAssertEqual(try names(parent), ["model"])
  }

  /// What a kill leaves beside the folder (a half-written staging folder, or the old contents
  /// after the swap) is cleared by the next checkpoint and never read.
  func testWhatAKillLeavesIsCleared() throws {
    let parent = try temporaryDirectory()
    let folder = parent.appendingPathComponent("model")
    try AtomicFolder.replace(folder) { try Data("1".utf8).write(to: $0.appendingPathComponent("a")) }
    let staging = parent.appendingPathComponent(".model.next")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: staging.appendingPathComponent("stale"))
    XCTAssertEqual(try text(folder, "a"), "1")
    try AtomicFolder.replace(folder) { try Data("2".utf8).write(to: $0.appendingPathComponent("a")) }
    XCTAssertEqual(try names(folder), ["a"])
    XCTAssertEqual(try text(folder, "a"), "2")
    XCTAssertEqual(try names(parent), ["model"])
  }
}
