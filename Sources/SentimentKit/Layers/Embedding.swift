/// A table of learned vectors, one row per token id (PyTorch `nn.Embedding`, "weight" [V, E]).
/// The padding row stays zero: its output is zero and backward never writes its gradient.
///
/// Legend: ids i_n, n = 0 ..< N, in packed row order; E ≙ weight [V, E]; Y [N, E].
///   forward:   Y[n] = E[i_n]
///   backward:  dE[i_n] += dY[n] for every n with i_n ≠ padding   (repeated ids accumulate)
public struct Embedding<T: Scalar>: Layer {
  /// The table under PyTorch's name. As a gradient, it also records the rows backward touched.
  public struct Parameters: ParameterSet {
    /// E, [V, E], "weight".
    public let weight: Matrix<T>
    /// As a gradient: the rows written since the last `zero()`; the same set as
    /// `namedTensors[0].touchedRows`.
    public let touchedRows: RowSet

    /// A zero table of V rows and E columns.
    public init(vocabularySize: Int, embeddingSize: Int) {
      weight = Matrix(rows: vocabularySize, cols: embeddingSize)
      touchedRows = RowSet(rowCount: vocabularySize)
    }

    /// The state_dict entry.
    public var namedTensors: [NamedTensor<T>] {
      [NamedTensor("weight", matrix: weight, touchedRows: touchedRows)]
    }

    /// Zeros of the same shape, no rows touched.
    public func zerosLike() -> Parameters {
      Parameters(vocabularySize: weight.rows, embeddingSize: weight.cols)
    }
  }

  /// What backward needs: the ids that were looked up.
  public struct Cache {
    /// The input ids, in packed row order.
    public let ids: [Int32]
  }

  /// The table.
  public var parameters: Parameters
  /// The id whose row stays zero and gets no gradient (PyTorch's `padding_idx`); nil for none.
  public let paddingIndex: Int?

  /// V: number of ids.
  public var vocabularySize: Int { parameters.weight.rows }
  /// E: features per id.
  public var embeddingSize: Int { parameters.weight.cols }

  /// A zero table (to be loaded from a checkpoint).
  public init(vocabularySize: Int, embeddingSize: Int, paddingIndex: Int? = 0) {
    precondition(
      paddingIndex.map { $0 >= 0 && $0 < vocabularySize } ?? true, "padding id outside the table")
    parameters = Parameters(vocabularySize: vocabularySize, embeddingSize: embeddingSize)
    self.paddingIndex = paddingIndex
  }

  /// A table drawn as PyTorch does: every entry N(0, 1), then the padding row zeroed.
  public init<G: RandomNumberGenerator>(
    vocabularySize: Int, embeddingSize: Int, paddingIndex: Int? = 0, using generator: inout G
  ) {
    self.init(
      vocabularySize: vocabularySize, embeddingSize: embeddingSize, paddingIndex: paddingIndex)
    let weight = parameters.weight
    Initializer.normal.fill(weight, using: &generator)
    if let pad = paddingIndex { weight.rows(pad..<pad + 1).fill(0) }
  }

  // Pre-specialised for Float: callers that stay generic (the type-erased model) would otherwise
  // run it through witness-table arithmetic, many times slower.
  /// Y [N, E], row n the vector of `ids[n]`.
  @_specialize(where T == Float)
  public func forward(_ ids: [Int32]) -> (output: Matrix<T>, cache: Cache) {
    // Y[n] = E[i_n]
    let output = parameters.weight.gatheringRows(ids.map(Int.init))
    return (output, Cache(ids: ids))
  }

  /// Adds dY's rows into the gradient rows of their ids, skipping the padding id, and records the
  /// rows written in `grads.touchedRows`. Token ids have no gradient.
  @_specialize(where T == Float)
  public func backward(_ dOutput: Matrix<T>, cache: Cache, into grads: inout Parameters) {
    precondition(
      dOutput.rows == cache.ids.count && dOutput.cols == embeddingSize,
      "dY must be [\(cache.ids.count), \(embeddingSize)]")
    let dWeight = grads.weight
    let columns = embeddingSize
    let ids = cache.ids
    for id in ids where Int(id) != paddingIndex { grads.touchedRows.insert(Int(id)) }
    // One piece per core, piece k owning the rows ≡ k (mod pieces): no row is written by two
    // pieces, and each row sums its ids in order, as a single pass would.
    let pieces = ids.count >= 1024 ? Parallel.width : 1
    _ = Parallel.map(pieces) { k in
      for (n, id) in ids.enumerated() where Int(id) % pieces == k && Int(id) != paddingIndex {
        // dE[i_n] += dY[n]
        let source = dOutput.pointer + n * dOutput.stride
        let target = dWeight.pointer + Int(id) * dWeight.stride
        for j in 0..<columns { target[j] += source[j] }
      }
    }
  }
}
