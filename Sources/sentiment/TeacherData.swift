import ArgumentParser
import Foundation
import SentimentKit

/// The extra training reviews of `sentiment train --teacher`: unlabelled reviews (the IMDB
/// archive's `train/unsup`, or the files and folders given) labelled by the teacher where it is
/// sure (`TeacherLabelling`), then encoded with the student's vocabulary. They join the
/// training reviews after the validation share is held out, so validation stays labelled
/// reviews alone; the teacher must have held out the same share, so that it never saw them.
struct TeacherData {
  /// The kept reviews, encoded, labelled with the teacher's classes.
  let labelled: LabelledSequences
  /// Lines for the report's data section.
  let summary: [String]

  /// Labels the unlabelled reviews `settings` names with its teacher. `dataPath` and `format`
  /// are the labelled corpus's (train/unsup is read from it when `settings.unlabelled` is
  /// empty); `labels` and `sample` are the student's, which the teacher must share.
  init(
    settings: TeacherSettings, dataPath: String, format: CorpusFormat, labels: [String],
    sample: TrainingSample, vocabulary: Vocabulary, text: TextConfig, job: Job
  ) throws {
    let teacher = try ModelKind.load(URL(fileURLWithPath: settings.folder))
    guard teacher.labels == labels else {
      throw CommandFailure(
        "the teacher \(settings.folder) has the classes \(teacher.labels.joined(separator: ", ")), the student \(labels.joined(separator: ", ")); a teacher must label with the student's classes, in its order")
    }
    guard teacher.sample == sample else {
      throw CommandFailure(
        "the teacher \(settings.folder) was trained with seed \(teacher.sample.seed), validation share \(teacher.sample.validationFraction) and limit \(teacher.sample.limit.map(String.init) ?? "none"); the student uses \(sample.seed), \(sample.validationFraction) and \(sample.limit.map(String.init) ?? "none"), so the teacher may have trained on the student's validation reviews. Train the student with the teacher's --seed, --validation-fraction and --limit")
    }
    let reviews = try Self.unlabelled(settings.unlabelled, dataPath: dataPath, format: format, job: job)
    guard !reviews.isEmpty else {
      throw CommandFailure("no unlabelled reviews to label in \(settings.unlabelled.isEmpty ? dataPath : settings.unlabelled.joined(separator: ", "))")
    }
    let labels = try job.run(
      TeacherLabelling(teacher: teacher, minConfidence: settings.minConfidence), reviews)
    let encoded = try job.run(ReviewEncoder(vocabulary: vocabulary), labels.reviews.map(\.text))
    var sequences = [[Int32]]()
    var kept = [Int]()
    var sources = [String]()
    var distributions = [[Double]?]()
    var noTokens = 0
    for (index, ids) in encoded.enumerated() {
      guard !ids.isEmpty else {  // the teacher's tokenizer found words the student's did not
        noTokens += 1
        continue
      }
      sequences.append(text.truncated(ids))
      kept.append(labels.labels[index])
      sources.append(labels.reviews[index].source)
      distributions.append(settings.targets == .sampled ? labels.probabilities[index] : nil)
    }
    labelled = LabelledSequences(
      sequences: sequences, labels: kept, sources: sources, labelDistributions: distributions)
    let origin = settings.unlabelled.isEmpty ? "`train/unsup` of the archive" : settings.unlabelled.map { "`\($0)`" }.joined(separator: ", ")
    let perClass = zip(teacher.labels, labels.classCounts).map { "\($1) \($0)" }.joined(separator: ", ")
    let mean = labels.confidences.isEmpty ? 0 : labels.confidences.reduce(0, +) / Double(labels.confidences.count)
    summary = [
      "Self-training: \(teacher.displayName) in `\(settings.folder)` labelled \(labels.read) unlabelled reviews from \(origin); "
        + String(format: "%d reached its confidence %.2f and joined the training reviews (%@; mean confidence %.3f; %@), ", labelled.count, settings.minConfidence, perClass, mean, settings.targets == .sampled ? "each epoch a label drawn from the teacher's probabilities" : "labelled with the teacher's most probable class")
        + "\(labels.unsure) were below it, \(labels.noWords + noTokens) had no words. Validation holds labelled reviews alone, which the teacher (same seed and share) held out too",
    ]
  }

  /// The unlabelled reviews: `paths` (review files and folders, as `classify` reads them), or
  /// when none are given the IMDB corpus's `train/unsup`. An unreadable file stops the run.
  private static func unlabelled(_ paths: [String], dataPath: String, format: CorpusFormat, job: Job) throws
    -> [UnlabelledReview]
  {
    guard paths.isEmpty else {
      return try ReviewFiles(paths).map { input in
        switch input.text {
        case .success(let text): return UnlabelledReview(source: input.source, text: text)
        case .failure(let error): throw CommandFailure("unlabelled review \(input.source): \(error)")
        }
      }
    }
    guard format == .imdb || format == .imdbRatings else {
      throw CommandFailure(
        "--teacher needs unlabelled reviews: give them with --unlabelled (files or folders); only the IMDB corpus has its own (train/unsup)")
    }
    let corpus = try job.run(IMDBCorpus(path: dataPath, includeUnlabelled: true))
    return corpus.reviews.filter { $0.label == nil }.map { UnlabelledReview(source: $0.source, text: $0.text) }
  }
}

extension CorpusOptions {
  /// The teacher-labelled reviews of a student of these classes, sample and text settings
  /// reading this corpus.
  func teacherData(
    _ settings: TeacherSettings, labels: [String], sample: TrainingSample, text: TextConfig,
    vocabulary: Vocabulary, job: Job
  ) throws -> TeacherData {
    let path = try archive.resolve()
    return try TeacherData(
      settings: settings, dataPath: path, format: try format ?? CorpusFormat.detect(path),
      labels: labels, sample: sample, vocabulary: vocabulary, text: text, job: job)
  }
}

/// `--teacher-targets hard|sampled`.
extension TeacherTargets: ExpressibleByArgument {}
