import Foundation
import SentimentKit
import XCTest

/// `sentiment train --teacher`: a linear teacher labels the archive's train/unsup (or files
/// given), the sure ones join the training reviews, validation stays labelled; and the errors
/// for a teacher that could have seen the validation reviews and for unreadable files.
final class SelfTrainingCommandTests: XCTestCase {
  let small = ["--hidden", "8", "--embedding", "8", "--batch-size", "16", "--vocab-size", "40", "--epochs", "1"]

  func testTeacherLabelledReviewsJoinTheTrainingReviews() throws {
    _ = try SentimentTool.url()
    let folder = try temporaryDirectory()
    let archive = try SyntheticIMDB.write(perLabel: 60, into: folder, unlabelled: 40)
    let teacher = try SentimentTool.run(
      ["train-linear", "--data", archive, "--model-dir", "teacher", "--report", "r/teacher.md"], in: folder)
    XCTAssertEqual(teacher.status, 0, teacher.errors)

    let student = try SentimentTool.run(
      ["train", "--data", archive, "--teacher", "teacher", "--teacher-confidence", "0.6", "--model-dir", "s",
       "--report", "r/student.md"] + small, in: folder)
    XCTAssertEqual(student.status, 0, student.errors)
    // 120 labelled train reviews, 12 held out; the unsup ones the teacher is sure of on top.
    let line = try XCTUnwrap(student.errors.split(separator: "\n").first { $0.hasPrefix("training ") }, student.errors)
    let kept = try XCTUnwrap(line.components(separatedBy: "108 labelled, ").dropFirst().first?.prefix { $0 != " " }, String(line))
    let keptCount = try XCTUnwrap(Int(kept))
    XCTAssertTrue((1...40).contains(keptCount), String(line))
    XCTAssertTrue(line.contains("\(108 + keptCount) train") && line.hasSuffix("/ 12 validation reviews"), String(line))
    let report = try String(contentsOf: folder.appendingPathComponent("r/student.md"), encoding: .utf8)
    XCTAssertTrue(report.contains("Self-training: NBSVM") && report.contains("labelled 40 unlabelled reviews"), report)
    let config = try String(contentsOf: folder.appendingPathComponent("s/config.json"), encoding: .utf8)
    XCTAssertTrue(config.contains("\"teacher\"") && config.contains("\"minConfidence\""), config)

    // Files given instead of train/unsup; one of them not UTF-8 stops the run, naming it.
    let unlabelled = folder.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: unlabelled, withIntermediateDirectories: true)
    try "a superb and moving film".write(to: unlabelled.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    let fromFiles = try SentimentTool.run(
      ["train", "--data", archive, "--teacher", "teacher", "--unlabelled", "mine", "--teacher-confidence", "0",
       "--teacher-targets", "sampled", "--model-dir", "s2", "--report", "r/s2.md"] + small, in: folder)
    XCTAssertEqual(fromFiles.status, 0, fromFiles.errors)
    let soft = try String(contentsOf: folder.appendingPathComponent("r/s2.md"), encoding: .utf8)
    XCTAssertTrue(soft.contains("each epoch a label drawn from the teacher's probabilities"), soft)
    XCTAssertTrue(fromFiles.errors.contains("(108 labelled, 1 labelled by the teacher)"), fromFiles.errors)
    try Data([0x61, 0xff, 0x62]).write(to: unlabelled.appendingPathComponent("b.txt"))
    let broken = try SentimentTool.run(
      ["train", "--data", archive, "--teacher", "teacher", "--unlabelled", "mine", "--model-dir", "s3"] + small,
      in: folder)
    XCTAssertEqual(broken.status, 1)
    XCTAssertTrue(broken.errors.contains("mine/b.txt") && broken.errors.contains("UTF-8"), broken.errors)
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("s3").path), "nothing written")

    // A teacher of another validation split could have trained on this student's validation.
    let otherSeed = try SentimentTool.run(
      ["train", "--data", archive, "--teacher", "teacher", "--seed", "7", "--model-dir", "s4"] + small, in: folder)
    XCTAssertEqual(otherSeed.status, 1)
    XCTAssertTrue(otherSeed.errors.contains("seed 42") && otherSeed.errors.contains("--seed"), otherSeed.errors)

    let noTeacher = try SentimentTool.run(["train", "--data", archive, "--unlabelled", "mine"] + small, in: folder)
    XCTAssertEqual(noTeacher.status, 64)
    XCTAssertTrue(noTeacher.errors.contains("add --teacher"), noTeacher.errors)
  }
}
