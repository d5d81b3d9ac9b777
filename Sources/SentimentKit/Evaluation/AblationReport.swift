import Foundation

/// A recipe's report: each lever added in turn, one training run per step, read back from the
/// runs' model folders (their settings and training state). Each step is judged on the
/// validation split, which comes from the train split; the test split is read by each run's
/// final evaluation only, and the report shows it for the last step, the recipe itself.
public struct AblationReport {
  /// One step of the ladder: a run that adds one lever to the one before.
  public struct Step {
    /// What the step adds, in words.
    public var lever: String
    /// The run's model folder.
    public var folder: String
    /// Its settings.
    public var config: ModelFolderConfig
    /// Its history and figures.
    public var state: TrainingState
    /// The index of the step it adds its lever to (nil: the one before it).
    public var base: Int?

    /// A step read from `folder`, adding `lever` to step `base` (0-based; nil: the previous
    /// one); throws when the folder holds no finished run.
    public init(lever: String, folder: String, base: Int? = nil) throws {
      self.lever = lever
      self.folder = folder
      self.base = base
      let url = URL(fileURLWithPath: folder)
      config = try ModelFolder(url).load().config
      (state, _) = try TrainingState.read(from: url)
    }

    /// The epoch whose weights the folder holds, and its validation figures.
    var kept: EpochRecord? { state.history.first { $0.epoch == state.modelEpoch } }
  }

  /// The title.
  public var title: String
  /// The word-vector pretraining run, when the recipe has one.
  public var vectors: WordVectors.Config?
  /// The language-model pretraining run, when the recipe has one.
  public var languageModel: LanguageModelFolder.Config?
  /// The steps, the recipe itself last.
  public var steps: [Step]
  /// The machine, in words.
  public var machine: String
  /// Wall-clock seconds of the recipe's commands from the raw archive, as measured by whoever
  /// ran them (`make train-best`), teachers and pretraining included; nil: the pretraining runs'
  /// and the recipe's own recorded seconds.
  public var recipeSeconds: Double?
  /// The commands of the recipe's teacher (its members and the ensemble), listed with the rest.
  public var teacherCommands: [String]

  /// A report of these runs.
  public init(
    title: String, vectors: WordVectors.Config?, languageModel: LanguageModelFolder.Config? = nil,
    steps: [Step], machine: String, recipeSeconds: Double? = nil, teacherCommands: [String] = []
  ) {
    self.title = title
    self.vectors = vectors
    self.languageModel = languageModel
    self.steps = steps
    self.machine = machine
    self.recipeSeconds = recipeSeconds
    self.teacherCommands = teacherCommands
  }

  /// The report text.
  public var markdown: String {
    var out = "# \(title)\n\nProduced by, in order:\n\n```sh\n"
    if let command = vectors?.command { out += command + "\n" }
    if let command = languageModel?.command { out += command + "\n" }
    for command in teacherCommands { out += command + "\n" }
    for step in steps { out += (step.state.command ?? "(command not recorded)") + "\n" }
    out += "```\n\n"
    let pretrainSeconds = (vectors?.seconds ?? 0) + (languageModel?.seconds ?? 0)
    let total = pretrainSeconds + steps.compactMap(\.state.seconds).reduce(0, +)
    let best = steps.last
    if let best, let accuracy = best.state.testAccuracy {
      out += String(
        format: "**Test accuracy of the recipe (last step): %.2f%%** on %d reviews. ",
        100 * accuracy, best.state.testCount ?? 0)
    }
    if let recipeSeconds {
      out += String(
        format: "The recipe from the raw archive (its commands' wall-clock, pretraining and teacher included): %.1f min. ",
        recipeSeconds / 60)
    } else {
      out += String(
        format: "The recipe from the raw archive (pretraining and its own run): %.1f min; every run of this report together: %.1f min. ",
        (pretrainSeconds + (best?.state.seconds ?? 0)) / 60, total / 60)
    }
    let peaks = steps.compactMap { $0.state.history.compactMap(\.peakMiB).max() } + [vectors?.peakMiB, languageModel?.peakMiB].compactMap { $0 }
    if let peak = peaks.max() { out += String(format: "Peak memory of any run: %.0f MiB. ", peak) }
    out += "Machine: \(machine).\n\n"

    out += "## What each lever adds (validation split, from the train split)\n\n"
    var table = MarkdownTable(
      ["step", "adds", "val. accuracy", "change", "val. loss", "epoch kept", "minutes", "test accuracy"],
      numeric: [2, 3, 4, 5, 6, 7])
    for (i, step) in steps.enumerated() {
      let accuracy = step.kept?.validationAccuracy
      let baseIndex = step.base ?? i - 1
      let baseAccuracy = steps.indices.contains(baseIndex) ? steps[baseIndex].kept?.validationAccuracy : nil
      var change = ""
      if let accuracy, let baseAccuracy {
        change = String(format: "%+.2f vs %d", 100 * (accuracy - baseAccuracy), baseIndex + 1)
      }
      table.append([
        "\(i + 1)", step.lever,
        accuracy.map { String(format: "%.2f%%", 100 * $0) } ?? "–", change,
        step.kept?.validationLoss.map { String(format: "%.4f", $0) } ?? "–",
        "\(step.state.modelEpoch) of \(step.state.epochsCompleted)",
        step.state.seconds.map { String(format: "%.1f", $0 / 60) } ?? "–",
        i == steps.count - 1
          ? step.state.testAccuracy.map { String(format: "%.2f%%", 100 * $0) } ?? "–" : "(not read)",
      ])
    }
    out += table.markdown + "\n"
    out += "Each step's test accuracy is in its own run's report; only the recipe's is shown here, so that no step is chosen by its test figure.\n\n"

    out += "## Runs\n\n"
    if let v = vectors {
      out += String(
        format: "- Word vectors: skip-gram, %d dimensions, window %d, %d noise words, %d epoch(s) over %d reviews (%d words), %.1f min, loss %.4f\n",
        v.skipGram.dimensions, v.skipGram.window, v.skipGram.negatives, v.skipGram.epochs, v.reviews,
        v.words, (v.seconds ?? 0) / 60, v.epochLosses.last ?? .nan)
    }
    if let l = languageModel {
      let m = l.model
      out += String(
        format: "- Language model: %@ %@, embedding %d, hidden %d, %d sampled candidates, %d epoch(s) over %d reviews (%d tokens), %.1f min, held-out perplexity %.1f\n",
        m.bidirectional ? "bidirectional" : "forward", m.cell.rawValue, m.embeddingSize, m.hiddenSize,
        l.pretraining.candidates, l.pretraining.epochs, l.trainingReviews, l.trainingTokens,
        (l.seconds ?? 0) / 60, l.epochs.last?.heldOutPerplexity ?? .nan)
    }
    for step in steps {
      let m = step.config.model
      let t = step.config.training
      let teacher = t.teacher.map {
        String(format: ", self-trained on the unlabelled reviews `%@` labelled at confidence ≥ %.2f", $0.folder, $0.minConfidence)
      } ?? ""
      let start = t.initialisedFrom.map { ", started from `\($0)`" } ?? ""
      out += "- `\(step.folder)`: \(m.displayName), embedding \(m.embeddingSize), hidden \(m.hiddenSize), readout \(m.readout.rawValue), dropout \(TrainingReport.describe(m.regularisation)), text \(step.config.text.lengthDescription), \(t.optimizer.rawValue) at \(t.learningRate)\(start)\(teacher)\n"
    }
    return out + "\n"
  }

  /// Writes the report to `url`.
  public func write(to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(markdown.utf8).write(to: url, options: .atomic)
  }
}
