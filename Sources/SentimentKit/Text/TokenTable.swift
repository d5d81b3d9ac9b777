/// Interns token byte strings: each distinct key gets the next index 0, 1, 2, ... Keys live back
/// to back in one byte array and are found by hash (open addressing, linear probing), so a
/// lookup needs no String per token.
struct TokenTable: Sendable {
  private var bytes: [UInt8] = []
  private var offsets: [Int] = [0]  // key k is bytes[offsets[k]..<offsets[k + 1]]
  private var hashes: [UInt64] = []
  private var slots: [Int32]  // a key index, or -1 when free; a power of two long

  /// An empty table with room for about `capacity` keys before it grows.
  init(capacity: Int = 1 << 12) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    slots = Array(repeating: -1, count: size)
  }

  /// Distinct keys so far.
  var count: Int { hashes.count }

  /// The index of `key`, or nil when it was never inserted.
  func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    find(key, hash: TokenTable.hash(key)).index
  }

  /// The index of `key`, inserting it (as index `count`) when it is new.
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int {
    let hash = TokenTable.hash(key)
    let (slot, found) = find(key, hash: hash)
    if let found { return found }
    let index = count
    bytes.append(contentsOf: key)
    offsets.append(bytes.count)
    hashes.append(hash)
    slots[slot] = Int32(index)
    if 2 * count > slots.count { grow() }
    return index
  }

  /// The bytes of key `index`.
  func key(_ index: Int) -> ArraySlice<UInt8> {
    bytes[offsets[index]..<offsets[index + 1]]
  }

  // The slot holding `key`, with its index; or the free slot where it would go, with nil.
  private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (Int, index: Int?) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let index = Int(slots[slot])
      if index < 0 { return (slot, nil) }
      if hashes[index] == hash && matches(index, key) { return (slot, index) }
      slot = (slot + 1) & mask
    }
  }

  private func matches(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = offsets[index]
    guard offsets[index + 1] - start == key.count else { return false }
    return bytes.withUnsafeBufferPointer { stored in
      // Tokens are short: a plain loop beats a call to memcmp.
      for offset in 0..<key.count where stored[start + offset] != key[offset] { return false }
      return true
    }
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: 2 * slots.count)
    let mask = slots.count - 1
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index)
    }
  }

  // FNV-1a over the bytes, then a multiply-xorshift finalizer so the low bits (the slot) mix.
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    hash ^= hash >> 32
    hash &*= 0xd6e8_feb8_6659_fd93
    hash ^= hash >> 32
    return hash
  }
}
