/// Rows read and written 16 elements at a time as `SIMD16` vectors, so a loop over a row is
/// written once, over whole vectors, and runs as vector code whatever the row's length: the last
/// vector of a row whose length is not a multiple of 16 is partial (its missing lanes read as
/// zero and are not written back).
///   for j in stride(from: 0, to: n, by: 16) {
///     let k = min(16, n − j)
///     y.setLanes(at: j, count: k, to: f(x.lanes(at: j, count: k)))
///   }
extension UnsafeMutablePointer where Pointee: SIMDScalar {
  /// Elements j ..< j + count (count ≤ 16) as a vector, zeros beyond `count`.
  @inline(__always)
  public func lanes(at j: Int, count: Int) -> SIMD16<Pointee> {
    if count == 16 { return UnsafeRawPointer(self + j).loadUnaligned(as: SIMD16<Pointee>.self) }
    var v = SIMD16<Pointee>()
    for lane in 0..<count { v[lane] = self[j + lane] }
    return v
  }

  /// Writes the first `count` lanes of `v` to elements j ..< j + count.
  @inline(__always)
  public func setLanes(at j: Int, count: Int, to v: SIMD16<Pointee>) {
    if count == 16 {
      UnsafeMutableRawPointer(self + j).storeBytes(of: v, as: SIMD16<Pointee>.self)
      return
    }
    for lane in 0..<count { self[j + lane] = v[lane] }
  }
}
