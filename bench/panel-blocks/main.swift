// A stand-alone copy of the κ loops of the panel products (PanelMatrix.multiplyAdd and
// Matrix.addTransposedProduct), in several register-block shapes, timed on one core: what
// Reports/avx2-panel-rows.md's "Block shapes" section measured. Not part of the package.
//   swiftc -O -target-cpu haswell bench/panel-blocks/main.swift -o /tmp/panel-blocks && /tmp/panel-blocks
import Foundation

@inline(__always) func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

typealias V16 = SIMD16<Float>
typealias V8 = SIMD8<Float>
typealias Kernel = (UnsafePointer<Float>, Int, Int, UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void

// C [m, n] += A [m, k] · B [k, n], B packed k-major in panels of w columns.
func pack(_ b: [Float], k: Int, n: Int, w: Int) -> [Float] {
  let count = (n + w - 1) / w
  var p = [Float](repeating: 0, count: count * k * w)
  for j in 0..<n { for κ in 0..<k { p[(j / w) * k * w + κ * w + j % w] = b[κ * n + j] } }
  return p
}

/// Every full block of `rows` rows of C against every panel: body(panel's start, block's first
/// row, C at the block's first row and the panel's first column).
@inline(__always)
func sweep(
  m: Int, k: Int, n: Int, w: Int, rows: Int, _ p: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
  _ body: (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void
) {
  for panel in 0..<(n / w) {
    var r = 0
    while r + rows <= m {
      body(p + panel * k * w, r, c + r * n + panel * w)
      r += rows
    }
  }
}

// 6 rows × 16 columns (one SIMD16, two ymm, a row): the AVX2 block of today's package.
@inline(never)
func kernel6x16(_ a: UnsafePointer<Float>, _ m: Int, _ k: Int, _ p: UnsafePointer<Float>, _ n: Int, _ c: UnsafeMutablePointer<Float>) {
  sweep(m: m, k: k, n: n, w: 16, rows: 6, p, c) { panel, r, out in
    var (c0, c1, c2, c3, c4, c5) = (V16(), V16(), V16(), V16(), V16(), V16())
    let (a0, a1, a2, a3, a4, a5) = (a + r * k, a + (r+1) * k, a + (r+2) * k, a + (r+3) * k, a + (r+4) * k, a + (r+5) * k)
    var b = panel
    for κ in 0..<k {
      let bv = UnsafeRawPointer(b).loadUnaligned(as: V16.self)
      c0.addProduct(V16(repeating: a0[κ]), bv); c1.addProduct(V16(repeating: a1[κ]), bv)
      c2.addProduct(V16(repeating: a2[κ]), bv); c3.addProduct(V16(repeating: a3[κ]), bv)
      c4.addProduct(V16(repeating: a4[κ]), bv); c5.addProduct(V16(repeating: a5[κ]), bv)
      b += 16
    }
    for (i, v) in [c0, c1, c2, c3, c4, c5].enumerated() {
      let q = UnsafeMutableRawPointer(out + i * n)
      q.storeBytes(of: q.loadUnaligned(as: V16.self) + v, as: V16.self)
    }
  }
}

// 4 rows × 24 columns (three SIMD8 a row).
@inline(never)
func kernel4x24(_ a: UnsafePointer<Float>, _ m: Int, _ k: Int, _ p: UnsafePointer<Float>, _ n: Int, _ c: UnsafeMutablePointer<Float>) {
  sweep(m: m, k: k, n: n, w: 24, rows: 4, p, c) { panel, r, out in
    var (c00, c01, c02) = (V8(), V8(), V8())
    var (c10, c11, c12) = (V8(), V8(), V8())
    var (c20, c21, c22) = (V8(), V8(), V8())
    var (c30, c31, c32) = (V8(), V8(), V8())
    let (a0, a1, a2, a3) = (a + r * k, a + (r+1) * k, a + (r+2) * k, a + (r+3) * k)
    var b = UnsafeRawPointer(panel)
    for κ in 0..<k {
      let b0 = b.loadUnaligned(as: V8.self), b1 = b.loadUnaligned(fromByteOffset: 32, as: V8.self), b2 = b.loadUnaligned(fromByteOffset: 64, as: V8.self)
      var s = V8(repeating: a0[κ]); c00.addProduct(s, b0); c01.addProduct(s, b1); c02.addProduct(s, b2)
      s = V8(repeating: a1[κ]); c10.addProduct(s, b0); c11.addProduct(s, b1); c12.addProduct(s, b2)
      s = V8(repeating: a2[κ]); c20.addProduct(s, b0); c21.addProduct(s, b1); c22.addProduct(s, b2)
      s = V8(repeating: a3[κ]); c30.addProduct(s, b0); c31.addProduct(s, b1); c32.addProduct(s, b2)
      b += 24 * 4
    }
    for (i, (x, y, z)) in [(c00, c01, c02), (c10, c11, c12), (c20, c21, c22), (c30, c31, c32)].enumerated() {
      let q = UnsafeMutableRawPointer(out + i * n)
      q.storeBytes(of: q.loadUnaligned(as: V8.self) + x, as: V8.self)
      q.storeBytes(of: q.loadUnaligned(fromByteOffset: 32, as: V8.self) + y, toByteOffset: 32, as: V8.self)
      q.storeBytes(of: q.loadUnaligned(fromByteOffset: 64, as: V8.self) + z, toByteOffset: 64, as: V8.self)
    }
  }
}

// The same two shapes for the transposed product; 4 × 24 reads B's last, partial block lane by lane.
@inline(never) func t6x16(_ a: UnsafePointer<Float>, _ k: Int, _ m: Int, _ b: UnsafePointer<Float>, _ n: Int, _ c: UnsafeMutablePointer<Float>) {
  var col = 0
  while col < n {
    var r = 0
    while r + 6 <= m {
      var (c0, c1, c2, c3, c4, c5) = (V16(), V16(), V16(), V16(), V16(), V16())
      var ar = a + r; var br = b + col
      for _ in 0..<k {
        let bv = UnsafeRawPointer(br).loadUnaligned(as: V16.self)
        c0.addProduct(V16(repeating: ar[0]), bv); c1.addProduct(V16(repeating: ar[1]), bv)
        c2.addProduct(V16(repeating: ar[2]), bv); c3.addProduct(V16(repeating: ar[3]), bv)
        c4.addProduct(V16(repeating: ar[4]), bv); c5.addProduct(V16(repeating: ar[5]), bv)
        ar += m; br += n
      }
      let out = c + r * n + col
      for (i, v) in [c0, c1, c2, c3, c4, c5].enumerated() { let q = UnsafeMutableRawPointer(out + i * n); q.storeBytes(of: q.loadUnaligned(as: V16.self) + v, as: V16.self) }
      r += 6
    }
    col += 16
  }
}
@inline(__always) func partial(_ p: UnsafePointer<Float>, _ count: Int) -> V8 {
  if count == 8 { return UnsafeRawPointer(p).loadUnaligned(as: V8.self) }
  var v = V8(); for l in 0..<count { v[l] = p[l] }; return v
}
@inline(never) func t4x24(_ a: UnsafePointer<Float>, _ k: Int, _ m: Int, _ b: UnsafePointer<Float>, _ n: Int, _ c: UnsafeMutablePointer<Float>) {
  var col = 0
  while col < n {
    let cols = min(24, n - col)
    var r = 0
    while r + 4 <= m {
      var (c00, c01, c02) = (V8(), V8(), V8()); var (c10, c11, c12) = (V8(), V8(), V8())
      var (c20, c21, c22) = (V8(), V8(), V8()); var (c30, c31, c32) = (V8(), V8(), V8())
      var ar = a + r; var br = b + col
      for _ in 0..<k {
        let b0: V8, b1: V8, b2: V8
        if cols == 24 { let raw = UnsafeRawPointer(br); b0 = raw.loadUnaligned(as: V8.self); b1 = raw.loadUnaligned(fromByteOffset: 32, as: V8.self); b2 = raw.loadUnaligned(fromByteOffset: 64, as: V8.self) }
        else { b0 = partial(br, max(0, min(8, cols))); b1 = partial(br + 8, max(0, min(8, cols - 8))); b2 = partial(br + 16, max(0, min(8, cols - 16))) }
        var s = V8(repeating: ar[0]); c00.addProduct(s, b0); c01.addProduct(s, b1); c02.addProduct(s, b2)
        s = V8(repeating: ar[1]); c10.addProduct(s, b0); c11.addProduct(s, b1); c12.addProduct(s, b2)
        s = V8(repeating: ar[2]); c20.addProduct(s, b0); c21.addProduct(s, b1); c22.addProduct(s, b2)
        s = V8(repeating: ar[3]); c30.addProduct(s, b0); c31.addProduct(s, b1); c32.addProduct(s, b2)
        ar += m; br += n
      }
      let out = c + r * n + col
      let rows = [(c00, c01, c02), (c10, c11, c12), (c20, c21, c22), (c30, c31, c32)]
      for i in 0..<4 { for l in 0..<cols { let v = l < 8 ? rows[i].0[l] : l < 16 ? rows[i].1[l - 8] : rows[i].2[l - 16]; out[i * n + l] += v } }
      r += 4
    }
    col += 24
  }
}

/// GFLOP/s of the best of 7 timed sweeps, each repeating `f` about 2·10⁸ multiply-adds' worth.
func gflops(m: Int, k: Int, n: Int, aCount: Int, bCount: Int, _ f: Kernel) -> Double {
  let a = (0..<aCount).map { _ in Float.random(in: -1...1) }
  let b = (0..<bCount).map { _ in Float.random(in: -1...1) }
  var c = [Float](repeating: 0, count: m * n)
  var best = Double.infinity
  let repeats = max(1, 200_000_000 / (m * k * n))
  for _ in 0..<7 {
    let start = now()
    a.withUnsafeBufferPointer { ab in
      b.withUnsafeBufferPointer { bb in
        c.withUnsafeMutableBufferPointer { cb in
          for _ in 0..<repeats { f(ab.baseAddress!, m, k, bb.baseAddress!, n, cb.baseAddress!) }
        }
      }
    }
    best = min(best, (now() - start) / Double(repeats))
  }
  return 2 * Double(m * k * n) / best / 1e9
}

print("C += A·B (packed B): m k n, GFLOP/s of 6×16, 4×24")
for (m, k, n) in [(48, 128, 480), (60, 64, 240), (4800, 128, 480), (4800, 64, 240)] {
  let figures = [(16, kernel6x16 as Kernel), (24, kernel4x24)].map { w, f in
    let b = (0..<(k * n)).map { _ in Float.random(in: -1...1) }
    let packed = pack(b, k: k, n: n, w: w)
    return gflops(m: m, k: k, n: n, aCount: m * k, bCount: packed.count) { a, m, k, _, n, c in
      packed.withUnsafeBufferPointer { f(a, m, k, $0.baseAddress!, n, c) }
    }
  }
  print(m, k, n, figures.map { String(format: "%.1f", $0) }.joined(separator: " "))
}
print("C += Aᵀ·B: k m n, GFLOP/s of 6×16, 4×24")
for (k, m, n) in [(512, 256, 64), (512, 256, 128), (512, 512, 128), (512, 512, 256)] {
  let figures = [t6x16 as Kernel, t4x24].map { f in
    gflops(m: m, k: k, n: n, aCount: k * m, bCount: k * n) { a, m, k, b, n, c in f(a, k, m, b, n, c) }
  }
  print(k, m, n, figures.map { String(format: "%.1f", $0) }.joined(separator: " "))
}
