import ArgumentParser
import Foundation
import SentimentKit

/// `sentiment tokenize`: the token ids a recurrent model reads for each input, as JSON lines, so
/// other tokenizers (the folder's tokenizer.json) can be checked against ours.
struct TokenizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokenize",
    abstract:
      "Write the ids (and tokens) a recurrent model reads for each input, one JSON line each.",
    discussion: """
      Inputs are read as by classify. Each line is {"source": …, "ids": […], "tokens": […]} after \
      truncation (tokens as the tokenizer wrote them, before the vocabulary's lookup), or \
      {"source": …, "error": …} for an input that could not be read.
      """)

  @Option(help: ArgumentHelp("A recurrent model folder.", valueName: "dir"))
  var model: String?

  @Option(
    help: ArgumentHelp(
      "Instead, write the rules alone as a tokenizer.json (vocabulary <pad>, <unk>; lowercasing; no truncation) to this file, for counting a vocabulary with Hugging Face tokenizers.",
      valueName: "file"))
  var rules: String?

  @Argument(
    help: ArgumentHelp(
      "Review files, folders (every .txt file under them), or - for standard input, one review a line.",
      valueName: "path"))
  var paths: [String] = []

  func validate() throws {
    guard (model == nil) != (rules == nil) else {
      throw ValidationError("give --model (and inputs) or --rules, not both or neither")
    }
    if model != nil && paths.isEmpty { throw ValidationError("no inputs to tokenize") }
  }

  func run() throws {
    if let rules {
      var text = TextConfig()
      text.maxLength = nil
      let vocabulary = try Vocabulary(tokens: [Vocabulary.padToken, Vocabulary.unknownToken])
      try TokenizerJSON(vocabulary: vocabulary, text: text).write(to: rules)
      return
    }
    guard let model else { return }  // validate() asks for --model or --rules
    let loaded = try ModelFolder(URL(fileURLWithPath: model)).load()
    let vocabulary = loaded.vocabulary
    var out = Data()
    for (source, text) in ReviewFiles(paths.map(RawArguments.path)) {
      var fields = ["\"source\":\(source.jsonQuoted)"]
      switch text {
      case .success(let text):
        let ids = loaded.config.text.truncated(vocabulary.encode(text))
        fields.append("\"ids\":[\(ids.map(String.init).joined(separator: ","))]")
        let tokens = loaded.config.text.truncated(vocabulary.tokenizer.tokenize(text)).map(
          \.jsonQuoted)
        fields.append("\"tokens\":[\(tokens.joined(separator: ","))]")
      case .failure(let error):
        fields.append("\"error\":\("\(error)".jsonQuoted)")
      }
      out.append(Data(("{" + fields.joined(separator: ",") + "}\n").utf8))
      if out.count > 1 << 16 {
        try StandardOutput.write(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    try StandardOutput.write(out)
  }
}
