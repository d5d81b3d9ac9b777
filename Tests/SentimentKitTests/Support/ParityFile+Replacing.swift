import SentimentKit
import SentimentParity

extension ParityFile {
  /// This case with the field at `path` (e.g. ["grad", "weight_hh_l0"]) set to `value`, or
  /// removed when `value` is nil: a damaged or perturbed reference to run.
  func replacing(_ path: [String], with value: Any?) -> ParityFile {
    func set(_ object: [String: Any], _ path: ArraySlice<String>) -> [String: Any] {
      var object = object
      guard let key = path.first else { return object }
      if path.count == 1 {
        object[key] = value
      } else {
        object[key] = set(object[key] as? [String: Any] ?? [:], path.dropFirst())
      }
      return object
    }
    return ParityFile(name: name, json: set(json, path[...]))
  }

  /// This case with `tensor` at `path`.
  func replacing(_ path: [String], with tensor: ParityTensor) -> ParityFile {
    replacing(path, with: ["shape": tensor.shape, "data": tensor.data] as [String: Any])
  }
}
