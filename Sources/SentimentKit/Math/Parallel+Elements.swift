extension Parallel {
  /// `transform` of each element of `elements`, in order, the elements cut into contiguous
  /// pieces (eight per core, so uneven elements even out) that run at once.
  public static func mapElements<Element, Result>(
    _ elements: [Element], _ transform: (Element) -> Result
  ) -> [Result] {
    let pieces = max(1, min(elements.count, 8 * width))
    return map(pieces) { k in
      elements[elements.count * k / pieces..<elements.count * (k + 1) / pieces].map(transform)
    }.flatMap { $0 }
  }
}
