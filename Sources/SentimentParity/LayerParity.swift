import SentimentKit
/// Runs a torch.nn.RNN/LSTM/GRU case: loads the file's weights into a fresh layer, runs the
/// padded batch x [B, T, I] forwards packed (padded steps skipped, as PyTorch's packed
/// sequences), then backwards from the file's loss
///   L = Σ output ⊙ R + Σ h_n ⊙ S (+ Σ c_n ⊙ S_c),
/// so dL/d(output) = R, dL/dh_n = S and dL/dc_n = S_c. Compared: output [B, T, D·H] (zero at
/// padded steps), h_n and c_n [D, B, H] direction by direction, dL/dx and every weight gradient.
struct LayerParity<T: Scalar>: TorchLayerVisitor {
  /// The case.
  let file: ParityFile
  /// The layer it describes.
  let layer: TorchLayer
  /// What each quantity is held to.
  let tolerances: ParityTolerances

  /// Runs `model` (built from `layer`) through the case.
  func visit<Model: ParityModel>(_ model: Model) throws -> ParityResult where Model.T == T {
    let steps = try file.size("steps")
    let (inputs, hidden) = (model.inputSize, try file.size("hidden_size"))
    let lengths = try file.lengths("lengths", steps: steps)
    let batch = lengths.count
    let layout = PackedLayout(lengths: lengths)
    try file.load("weights", into: model.parameters)
    var comparison = ParityComparison(file, tolerances)

    let x = try file.tensor("x", shape: [batch, steps, inputs]).matrix(as: T.self)
    let (output, finals, cache) = model.run(
      layout.pack(batchFirst: x, features: inputs), layout: layout)
    let width = output.cols  // D·H
    comparison.compare(
      "output", .output, layout.unpack(output, paddedSteps: steps),
      try file.tensor("output", shape: [batch, steps, width]))
    let finalShape = [finals.count, batch, hidden]  // [D, B, H]
    let hasMemory = finals.allSatisfy { $0.c != nil }
    guard hasMemory || !file.has("c_n") else {
      throw ParityFileError.unsupported(
        file: file.name, what: "c_n, but a \(layer.name) has no memory cell")
    }
    let hN = try file.tensor("h_n", shape: finalShape)
    let cN = hasMemory ? try file.tensor("c_n", shape: finalShape) : nil
    for (d, final) in finals.enumerated() {
      comparison.compare("h_n[\(d)]", .output, layout.unsorting(final.h), hN[d])
      if let c = final.c, let cN {
        comparison.compare("c_n[\(d)]", .output, layout.unsorting(c), cN[d])
      }
    }

    let r = try file.tensor("R", shape: [batch, steps, width]).matrix(as: T.self)
    let s = try file.tensor("S", shape: finalShape)
    let sc = hasMemory ? try file.tensor("Sc", shape: finalShape) : nil
    let dFinals = finals.indices.map { d in
      CellState(
        h: layout.sorting(s[d].matrix(as: T.self)),
        c: sc.map { layout.sorting($0[d].matrix(as: T.self)) })
    }
    var grads = model.parameters.zerosLike()
    let dx = model.gradient(
      dOutput: layout.pack(batchFirst: r, features: width), dFinals: dFinals, cache: cache,
      into: &grads)
    try file.expectNames("grad", ["x"] + grads.namedTensors.map(\.name))
    comparison.compare(
      "dx", .gradient, layout.unpack(dx, paddedSteps: steps),
      try file.tensor("grad", "x", shape: [batch, steps, inputs]))
    for t in grads.namedTensors {
      comparison.compare(
        "d\(t.name)", .gradient, t.value, try file.tensor("grad", t.name, shape: t.shape))
    }
    return comparison.result(
      model: layer.name,
      sizes: [("batch", batch), ("steps", steps), ("input", inputs), ("hidden", hidden)])
  }
}

extension TorchLayer {
  /// Runs `file` (which must describe this layer) in `T` through `Recurrent` or `Bidirectional`,
  /// the code training runs, and compares every output and gradient with PyTorch's.
  public func run<T: Scalar>(_ file: ParityFile, as: T.Type, tolerances: ParityTolerances) throws
    -> ParityResult
  {
    try build(
      inputSize: try file.size("input_size"), hiddenSize: try file.size("hidden_size"),
      for: LayerParity<T>(file: file, layer: self, tolerances: tolerances))
  }
}
