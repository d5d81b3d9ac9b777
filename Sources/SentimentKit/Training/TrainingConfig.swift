import Foundation

/// How a model is trained: saved in a model folder's `config.json` so a run can be resumed and
/// reported exactly.
public struct TrainingConfig: Codable, Equatable, Sendable {
  /// The update rule.
  public enum OptimizerKind: String, Codable, CaseIterable, Sendable {
    /// torch.optim.Adam.
    case adam
    /// torch.optim.AdamW: Adam with decoupled weight decay.
    case adamw
    /// torch.optim.SGD with momentum.
    case sgd
    /// torch.optim.RMSprop.
    case rmsprop
  }

  /// Which validation figure picks the best epoch (kept at the end) and drives early stopping.
  public enum Monitor: String, Codable, CaseIterable, Sendable {
    /// The highest accuracy (ties: the lower loss): what a classifier is judged by.
    case accuracy
    /// The lowest loss (Keras' default, val_loss).
    case loss
  }

  /// Passes over the training reviews.
  public var epochs = 3
  /// Reviews per update.
  public var batchSize = 64
  /// Most tokens in one batch (batches of long reviews hold fewer of them); nil: no limit.
  public var maxBatchTokens: Int?
  /// The update rule.
  public var optimizer: OptimizerKind = .adam
  /// Base learning rate.
  public var learningRate = 1e-3
  /// SGD momentum μ.
  public var momentum = 0.9
  /// PyTorch's weight_decay: an L2 penalty added to the gradients, or AdamW's decoupled decay.
  public var weightDecay = 0.0
  /// Largest global gradient norm; nil turns clipping off.
  public var clipNorm: Double? = 5
  /// How the learning rate moves over the updates.
  public var schedule: Schedule = .constant
  /// Share of the training reviews held out for validation (seeded split).
  public var validationFraction = 0.1
  /// Stop after this many epochs without a better validation figure; nil never stops early.
  public var patience: Int? = 2
  /// The validation figure that counts as better.
  public var monitor: Monitor = .accuracy
  /// Seeds the split, the initial weights, the batch order and dropout.
  public var seed: UInt64 = 42
  /// At most this many reviews of each split (balanced by label) for quick runs; nil uses all.
  public var reviewLimit: Int?
  /// The pretrained folder (word vectors or language model) the model started from
  /// (`train --init`); nil: random.
  public var initialisedFrom: String?
  /// Discriminative learning rates (Howard & Ruder 2018): each group of weights one step further
  /// from the head learns at the rate of the group above divided by this factor (ULMFiT: 2.6).
  /// The groups, top down: the head; each recurrent layer, the top one first; the embedding.
  /// nil: one rate for all.
  public var discriminativeFactor: Double?
  /// Gradual unfreezing (Howard & Ruder 2018): epoch 1 trains the head alone, and each later
  /// epoch unfreezes the next group down (see `discriminativeFactor`) until all train.
  public var gradualUnfreezing = false
  /// Per-class weights of the loss, in label order (`--class-weights balanced`: w_k = n / (C·n_k)
  /// over the training reviews, as scikit-learn's "balanced"); nil: every review counts alike.
  public var classWeights: [Double]?
  /// Self-training: the teacher that labelled unlabelled reviews for the training split; nil:
  /// the labelled reviews alone.
  public var teacher: TeacherSettings?

  /// The defaults of `make train-imdb`.
  public init() {}

  /// A description of what is wrong, or nil.
  public var problem: String? {
    if !(1...100_000).contains(epochs) { return "epochs must be 1 to 100000, not \(epochs)" }
    if !(1...1 << 20).contains(batchSize) {
      return "batch size must be 1 to \(1 << 20), not \(batchSize)"
    }
    if let maxBatchTokens, maxBatchTokens < 1 {
      return "batch token limit must be at least 1, not \(maxBatchTokens)"
    }
    if !(learningRate > 0 && learningRate.isFinite) {
      return "learning rate must be a positive finite number, not \(learningRate)"
    }
    if !(0...1).contains(momentum) { return "momentum must be in [0, 1], not \(momentum)" }
    if !(weightDecay >= 0 && weightDecay.isFinite) {
      return "weight decay must be a finite number ≥ 0, not \(weightDecay)"
    }
    if let clipNorm, !(clipNorm > 0 && clipNorm.isFinite) {
      return "clip norm must be a positive finite number, not \(clipNorm)"
    }
    if !(0..<1).contains(validationFraction) {
      return "validation fraction must be in [0, 1), not \(validationFraction)"
    }
    if let patience, patience < 1 { return "patience must be at least 1, not \(patience)" }
    if let reviewLimit, reviewLimit < 2 { return "review limit must be at least 2, not \(reviewLimit)" }
    if let discriminativeFactor, !(discriminativeFactor >= 1 && discriminativeFactor.isFinite) {
      return "the discriminative factor must be a finite number ≥ 1, not \(discriminativeFactor)"
    }
    if let problem = schedule.problem { return problem }
    if let classWeights, !classWeights.allSatisfy({ $0 > 0 && $0.isFinite }) {
      return "class weights must be positive finite numbers"
    }
    return nil
  }
}

extension TrainingConfig {
  /// Reads settings in which any field may be missing: missing fields take their defaults, but
  /// the optional ones (clipping, patience, limit) are absent exactly when they are off.
  public init(from decoder: Decoder) throws {
    self.init()
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.update(&epochs, .epochs)
    try c.update(&batchSize, .batchSize)
    maxBatchTokens = try c.decodeIfPresent(Int.self, forKey: .maxBatchTokens)
    try c.update(&optimizer, .optimizer)
    try c.update(&learningRate, .learningRate)
    try c.update(&momentum, .momentum)
    try c.update(&weightDecay, .weightDecay)
    clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm)  // absent: off, as written
    try c.update(&schedule, .schedule)
    try c.update(&validationFraction, .validationFraction)
    try c.update(&monitor, .monitor)
    patience = try c.decodeIfPresent(Int.self, forKey: .patience)  // absent: never stops early
    try c.update(&seed, .seed)
    reviewLimit = try c.decodeIfPresent(Int.self, forKey: .reviewLimit)
    initialisedFrom = try c.decodeIfPresent(String.self, forKey: .initialisedFrom)
    discriminativeFactor = try c.decodeIfPresent(Double.self, forKey: .discriminativeFactor)
    try c.update(&gradualUnfreezing, .gradualUnfreezing)
    classWeights = try c.decodeIfPresent([Double].self, forKey: .classWeights)
    teacher = try c.decodeIfPresent(TeacherSettings.self, forKey: .teacher)
  }

  /// Each tensor's learning-rate multiplier in epoch `epoch` (1-based) for a model whose
  /// tensors are named `names` (classifier names: "embedding.…", the encoder's "…_lK…",
  /// "head.…") with `layers` recurrent layers; nil when every multiplier is 1. A group of depth
  /// d (0 the head, 1 … layers the recurrent layers from the top, layers + 1 the embedding) gets
  ///   factor^(−d), or 0 while frozen: gradual unfreezing trains depth d from epoch d + 1.
  public func tensorRates(names: [String], layers: Int, epoch: Int) -> [Double]? {
    guard discriminativeFactor != nil || gradualUnfreezing else { return nil }
    return names.map { name in
      let depth = Self.depth(of: name, layers: layers)
      if gradualUnfreezing && depth >= epoch { return 0 }
      return discriminativeFactor.map { Foundation.pow($0, -Double(depth)) } ?? 1
    }
  }

  /// The group depth of a tensor (see `tensorRates`): the head 0, recurrent layer K (of
  /// `layers`, named "…_lK…") layers − K, the embedding layers + 1.
  static func depth(of name: String, layers: Int) -> Int {
    if name.hasPrefix("head.") { return 0 }
    if name.hasPrefix("embedding.") { return layers + 1 }
    guard let marker = name.range(of: "_l", options: .backwards),
      let k = Int(name[marker.upperBound...].prefix(while: \.isNumber))
    else { return 1 }
    return max(1, layers - k)
  }
}
