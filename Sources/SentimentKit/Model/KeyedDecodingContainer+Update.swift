extension KeyedDecodingContainer {
  /// Replaces `value` with the one stored under `key`, when there is one: for reading settings
  /// whose missing fields keep their defaults.
  func update<Value: Decodable>(_ value: inout Value, _ key: Key) throws {
    if let stored = try decodeIfPresent(Value.self, forKey: key) { value = stored }
  }
}
