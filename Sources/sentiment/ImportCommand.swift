import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment import`: a PyTorch state_dict in safetensors → a model folder `classify` and
/// `evaluate` read.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Make a model folder from a PyTorch state_dict saved with safetensors.",
    discussion: """
      The state_dict is that of a module with children embedding (torch.nn.Embedding), lstm, \
      gru or rnn (torch.nn.LSTM, GRU or RNN with batch_first=True, any num_layers, one or two \
      directions) and head (torch.nn.Linear to 2 classes); F32, F64, F16 and BF16 tensors are \
      read and stored as F32. Cell, sizes, layers and directions are read off the tensors; \
      --readout says which encoder states the head reads, --vocabulary gives the ids (vocab.txt: \
      one token a line, <pad> and <unk> first). Reviews are tokenized with this tool's rules \
      (the folder's tokenizer.json spells them out). reference/README.md shows the PyTorch side.
      """)

  @Option(help: ArgumentHelp("The state_dict (safetensors.torch.save_file).", valueName: "file"))
  var weights: String
  @Option(help: ArgumentHelp("The vocabulary: one token a line, id = line − 1.", valueName: "file"))
  var vocabulary: String
  @Option(help: ArgumentHelp("The model folder to create (must not exist).", valueName: "dir"))
  var output: String
  @Option(
    help:
      "What the head reads: final is torch's h_n (forward h after the last token ⊕ reverse h after the first); concat is final ⊕ max ⊕ mean over the steps."
  )
  var readout: Readout = .final
  @Option(help: "torch.nn.RNN's nonlinearity (an rnn encoder only).")
  var nonlinearity: Activation = .tanh
  @Option(help: "Keep at most this many tokens of a review (default: whole reviews).")
  var maxLength: Int?
  @Option(help: "Which end of a longer review is cut: pre keeps the last tokens.")
  var truncation: Batcher.Side = .pre
  @Flag(inversion: .prefixedNo, help: "Lowercase the text, as the vocabulary was built.")
  var lowercase = true
  @Option(help: "Class names in the head's output order, comma-separated.")
  var labels = "neg,pos"

  func validate() throws {
    if let maxLength, !(1...TextConfig.maxLengthLimit).contains(maxLength) {
      throw ValidationError("--max-length must be 1 to \(TextConfig.maxLengthLimit)")
    }
    if nonlinearity == .sigmoid {
      throw ValidationError("--nonlinearity: torch.nn.RNN has tanh and relu only")
    }
  }

  func run() throws {
    var importer = try StateDictImport(contentsOf: URL(fileURLWithPath: weights))
    importer.readout = readout
    importer.activation = nonlinearity
    var text = TextConfig()
    text.lowercases = lowercase
    text.maxLength = maxLength
    text.truncation = truncation
    let folder = URL(fileURLWithPath: output)
    let config = try importer.write(
      to: folder, vocabularyPath: vocabulary, text: text,
      labels: labels.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    ).model
    print(
      "imported \(config.displayName) (\(config.parameterCount ?? 0) parameters) into \(folder.path)"
    )
  }
}
