import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment train`: reads a labelled corpus (IMDB by default, or the user's own in any
/// `CorpusFormat`, any number of classes), trains a classifier with per-epoch checkpoints,
/// evaluates it on the test split and writes a Markdown report.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a recurrent classifier on IMDB or your own labelled data (any number of classes), evaluate it on the test split, write a report.",
    discussion: """
      The model folder (model.safetensors, config.json, vocab.txt, training-state.safetensors) is
      rewritten atomically after every epoch; --resume continues an interrupted run from its last
      finished epoch with the settings saved in the folder.

      Under mpirun (mpirun -np N sentiment train …) each batch is shared among the N ranks and
      their gradients summed, so the run trains the same model as one process; rank 0 alone
      writes the folder, the report and the progress. --resume may use another N.
      """)

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var model: ModelOptions
  @OptionGroup var training: TrainingOptions

  @Option(help: "Weights of the classes in the loss: balanced gives class k the weight n / (C · n_k), so rare classes count as much as common ones.")
  var classWeights: ClassWeighting = .none
  @Option(help: "Model folder. Default: Data/models/DATA-NAME (DATA: imdb, or the data file's name).")
  var modelDir: String?
  @Option(help: "Report file. Default: Reports/DATA-NAME.md.")
  var report: String?
  @Flag(help: "Continue the interrupted run saved in the model folder.")
  var resume = false
  @Option(
    name: .customLong("init"),
    help: "Start from the folder `sentiment pretrain` wrote: word vectors (the embedding) or a language model (embedding and encoder); its vocabulary is used.")
  var initialVectors: String?
  @Option(
    help: ArgumentHelp(
      "Self-training: a trained model folder of any kind (recurrent, linear, ensemble) labels unlabelled reviews, and those it is sure of (see --teacher-confidence) join the training reviews. It must have been trained with this run's --seed, --validation-fraction and --limit, so validation stays unseen.",
      valueName: "dir"))
  var teacher: String?
  @Option(help: "The least probability the teacher must give its class for a review to be kept.")
  var teacherConfidence = 0.8
  @Option(help: "What the student learns from a teacher-labelled review: its most probable class (hard), or each epoch a class drawn from its probabilities (sampled: the soft labels in expectation).")
  var teacherTargets: TeacherTargets = .hard
  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Review files or folders (every .txt file under them) for the teacher to label. Default: the IMDB corpus's train/unsup.",
      valueName: "path"))
  var unlabelled: [String] = []

  func validate() throws {
    if let maxLength = training.maxLength, maxLength < 1 {
      throw ValidationError("--max-length must be positive (leave it out to read whole reviews)")
    }
    _ = try training.textConfig()  // first: it bounds --vocab-size, so the + 2 cannot overflow
    _ = try model.config(vocabularySize: training.vocabSize + 2)
    _ = try training.trainingConfig(updatesPerEpoch: 1)
    if !(0...1).contains(teacherConfidence) {
      throw ValidationError("--teacher-confidence must be between 0 and 1, not \(teacherConfidence)")
    }
    if teacher == nil && !unlabelled.isEmpty {
      throw ValidationError("--unlabelled gives reviews for a teacher to label: add --teacher DIR")
    }
    if resume && (teacher != nil || !unlabelled.isEmpty) {
      throw ValidationError("--resume labels with the teacher the folder's settings name; leave out --teacher and --unlabelled")
    }
    if resume && initialVectors != nil {
      throw ValidationError("--init starts a new run; --resume continues one from its own folder")
    }
  }

  func run() throws {
    let dataset = try corpus.datasetName()
    let defaultFolder = "Data/models/\(dataset)-\(Self.slug(try model.config(vocabularySize: 3)))"
    let folder = URL(fileURLWithPath: modelDir ?? defaultFolder)
    let communicator = Communicator.world
    let job = Job(progressStyle: communicator?.isRoot ?? true ? .automatic : .silent)
    let session: TrainingSession
    if resume {
      session = try TrainingSession(
        resumingFrom: folder, corpus: corpus, job: job, communicator: communicator)
    } else {
      let start = try initialVectors.map { try PretrainedStart(contentsOf: URL(fileURLWithPath: $0)) }
      var text = try training.textConfig()
      if let start {  // the pretrained vocabulary and tokenizer
        text.lowercases = start.text.lowercases
        text.vocabularyWords = start.vocabulary.count - 2
      }
      var data = try TrainingData(
        corpus: try corpus.read(seed: training.seed, job: job), text: text,
        vocabulary: start?.vocabulary, limit: training.limit, seed: training.seed, job: job)
      let teacherSettings = teacher.map {
        TeacherSettings(
          folder: $0, minConfidence: teacherConfidence, unlabelled: unlabelled, targets: teacherTargets)
      }
      if let teacherSettings {
        let sample = TrainingSample(
          limit: training.limit, seed: training.seed, validationFraction: training.validationFraction)
        data.add(try corpus.teacherData(
          teacherSettings, labels: data.labels, sample: sample, text: text, vocabulary: data.vocabulary, job: job))
      }
      let extra = data.teacherLabelled?.count ?? 0
      var trainingConfig = try training.trainingConfig(
        updatesPerEpoch: training.updatesPerEpoch(data.train.count) + (extra + training.batchSize - 1) / training.batchSize)
      trainingConfig.initialisedFrom = initialVectors
      trainingConfig.teacher = teacherSettings
      if classWeights == .balanced {
        // w_k = n / (C · n_k) over the training reviews (every class has some: LabelledCorpus).
        var counts = [Int](repeating: 0, count: data.labels.count)
        for label in data.train.labels { counts[label] += 1 }
        trainingConfig.classWeights = counts.map {
          Double(data.train.count) / (Double(data.labels.count) * Double(max($0, 1)))
        }
      }
      let config = ModelFolderConfig(
        model: try model.config(vocabularySize: data.vocabulary.count), text: text,
        training: trainingConfig, labels: data.labels)
      session = TrainingSession(config: config, data: data, folder: folder, communicator: communicator)
      try start?.initialise(session.model.parameters, config: session.config.model)
    }
    let outcome = try session.run(job: job, command: Self.commandLine())
    let reportURL = URL(fileURLWithPath: report ?? "Reports/\(dataset)-\(Self.slug(session.config.model)).md")
    try session.writeReport(
      to: reportURL, job: job, command: Self.commandLine(), state: outcome.state,
      probabilities: outcome.probabilities, metrics: outcome.metrics)
  }

  /// A short name for files: "bilstm", "gru-reset-before", "elman-relu", "lstm-peephole".
  static func slug(_ c: ModelConfig) -> String {
    var name = (c.bidirectional ? "bi" : "") + c.cell.rawValue
    if c.cell == .lstm && c.peephole { name += "-peephole" }
    if c.cell == .lstm && c.coupledGates { name += "-coupled" }
    if c.cell == .gru && c.gruVariant == .resetBefore { name += "-reset-before" }
    if (c.cell == .elman || c.cell == .jordan) && c.activation != .tanh { name += "-\(c.activation.rawValue)" }
    if c.layers > 1 { name += "-\(c.layers)layers" }
    return name
  }

  /// This process's command line, quoted where needed, as a report shows it; under mpirun
  /// prefixed with "mpirun -np N" (mpirun's own options are not in the environment).
  static func commandLine() -> String {
    var arguments = CommandLine.arguments
    if let first = arguments.first, first.hasSuffix("/sentiment") { arguments[0] = "sentiment" }
    let launcher = LaunchEnvironment.current.worldSize.map { "mpirun -np \($0) " } ?? ""
    return launcher
      + arguments.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
  }
}
