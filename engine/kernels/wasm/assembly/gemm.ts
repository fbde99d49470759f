// SGEMM over strided operands: C[i·ldc + j] (+)= Σ_p A[i·ar + p·ac] · B[p·br + j·bc]. One kernel serves the three
// forms the layers use (A·B, A·Bᵀ, Aᵀ·B): only the strides differ, nothing is transposed beforehand.
//
// Blocking (the BLIS/XNNPACK recipe, sized for 128-bit SIMD):
//  - B is packed, up to KC rows × NC columns at a time, into micro-panels of NR = 8 columns (two f32x4 per row),
//    zero-padded on the right edge, so the micro-kernel reads B as one contiguous stream whatever its strides were.
//    A 256 × 256 panel is 256 KiB: it stays in L2 while every row block of A passes over it.
//  - A is packed MR rows at a time (kc × MR, interleaved) right before its row block meets the B panels. Packing A
//    matters for the Aᵀ·B form: read in place, its rows are 4 KiB apart at 1024 columns and every step of p hit the
//    same L1 set.
//  - Micro-tile (tile5x8, tile4x8 below). V8 keeps one XMM register for itself (15 usable) and issues every load of
//    a loop body before its arithmetic, so each load32_splat broadcast of A holds a register through the step; a
//    6 × 8 tile, and a 5 × 8 tile of 5 broadcasts, spilled accumulators to the stack (~19 GFLOP/s).
//    Relaxed SIMD: MR = 5, a 5 × 8 tile in 10 accumulators, A rows 0-3 as one v128 splatted by vpshufd next to its
//    use, row 4 by a broadcast (14 live vectors, no spill in V8's code): 10 independent FMA chains, where 4 × 8's 8
//    only just cover FMA latency (4 cycles × 2 FMA units). Plain SIMD: MR = 4, the 4 × 8 tile of 4 broadcasts (mul
//    + add: the shuffles would compete with the adds for the vector ALUs; 5 × 8 ran ~10% slower there).
//    Measured 2026-12-02 on the 2-vCPU AMD EPYC (Zen 5, 128-bit FMA peak ~55 GFLOP/s by a native loop), 1024³ A·B
//    single thread, old 4 × 8 and new 5 × 8 relaxed builds interleaved in one process (a test suite running
//    alongside): 5 × 8 / 4 × 8 = 1.07-1.11 by median per-round ratio over 15-40 rounds (e.g. 41.8 → 44.9 median,
//    46.4 → 51.1 best GFLOP/s), ~1.05 on W3's conv GEMMs and the Aᵀ·B and A·Bᵀ forms, 0.98 at M = 32 (35 rows
//    computed for 32). KC 384 or 512 instead of 256 was within the noise.
//    `npm run bench -- --gemm-only --peers tfjs-wasm --gemm-sizes 1024 --repeat 3` (load ~5): wiregrad 1 thread
//    36.8 GFLOP/s, tfjs-wasm 1 thread 25.6, 1.44×.
//  - Edges: B's missing columns are packed as zeros and not stored; A's missing rows are packed as zeros.
//  - With relaxed SIMD, multiply-add is f32x4.relaxed_madd (an FMA where the CPU has one); otherwise mul + add.
//
// Callers split the work between threads by ranges of rows [i0, i1) or of 8-column panels [j0, j1) of C; each
// thread packs into its own buffer.
import { KC, NC, NR } from './layout';

@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Rows of C per micro-tile: 5 with relaxed SIMD (FMA), 4 with plain SIMD (see the header). */
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 5 : 4;

/** Packs B[p0 .. p0+kc) × [j0 .. j0+nc) into micro-panels of NR columns, each kc × NR row-major. */
function packB(pack: usize, b: usize, br: i32, bc: i32, p0: i32, kc: i32, j0: i32, nc: i32): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const dst = pack + <usize>(jr * kc) * 4;
    if (bc == 1 && cols == NR) {
      // Row-major B: each panel row is 8 contiguous floats.
      let src = b + (<usize>(p0 * br + j0 + jr) << 2);
      const step = <usize>br << 2;
      for (let p = 0; p < kc; p++) {
        v128.store(dst + (<usize>p << 5), v128.load(src));
        v128.store(dst + (<usize>p << 5), v128.load(src, 16), 16);
        src += step;
      }
    } else if (br == 1) {
      // Bᵀ stored [n, k]: each column is contiguous in p; write it down the panel.
      for (let j = 0; j < NR; j++) {
        let d = dst + (<usize>j << 2);
        if (j >= cols) {
          for (let p = 0; p < kc; p++, d += NR * 4) store<f32>(d, 0);
          continue;
        }
        let src = b + (<usize>((j0 + jr + j) * bc + p0) << 2);
        for (let p = 0; p < kc; p++, d += NR * 4, src += 4) store<f32>(d, load<f32>(src));
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + (<usize>(p * NR) << 2);
        const rowBase = (p0 + p) * br + (j0 + jr) * bc;
        for (let j = 0; j < NR; j++) {
          store<f32>(d + (<usize>j << 2), j < cols ? load<f32>(b + (<usize>(rowBase + j * bc) << 2)) : 0);
        }
      }
    }
  }
}

/** Adds (or writes, when `overwrite`) `v` into 4 floats at `c`, of which the first `cols` (1..4) exist. */
@inline function storeQuad(c: usize, v: v128, cols: i32, overwrite: bool): void {
  if (cols >= 4) {
    v128.store(c, overwrite ? v : f32x4.add(v128.load(c), v));
    return;
  }
  store<f32>(c, (overwrite ? 0 : load<f32>(c)) + f32x4.extract_lane(v, 0));
  if (cols > 1) store<f32>(c, (overwrite ? 0 : load<f32>(c, 4)) + f32x4.extract_lane(v, 1), 4);
  if (cols > 2) store<f32>(c, (overwrite ? 0 : load<f32>(c, 8)) + f32x4.extract_lane(v, 2), 8);
}

@inline function storeRow(c: usize, lo: v128, hi: v128, cols: i32, overwrite: bool): void {
  if (cols >= 8) {
    v128.store(c, overwrite ? lo : f32x4.add(v128.load(c), lo));
    v128.store(c, overwrite ? hi : f32x4.add(v128.load(c, 16), hi), 16);
    return;
  }
  storeQuad(c, lo, cols, overwrite);
  if (cols > 4) storeQuad(c + 16, hi, cols - 4, overwrite);
}

/** Packs A rows [i, i+rows) × [p0, p0+kc) as kc groups of MR values (row r at p: apack[p·MR + r]); missing rows are 0. */
function packA(apack: usize, a: usize, ar: i32, ac: i32, i: i32, rows: i32, p0: i32, kc: i32): void {
  if (ar == 1 && rows == MR) {
    // Aᵀ stored [k, m]: the MR rows are MR adjacent floats at every p (a v128 and one more).
    let src = a + (<usize>(p0 * ac + i) << 2);
    const step = <usize>ac << 2;
    let d = apack;
    for (let p = 0; p < kc; p++, src += step, d += MR * 4) {
      v128.store(d, v128.load(src));
      if (MR == 5) store<f32>(d, load<f32>(src, 16), 16);
    }
    return;
  }
  let p0done = 0;
  if (ac == 1 && rows == MR) {
    // Row-major A: 4 values of each of the first 4 rows at a time, transposed 4 × 4 in registers; a 5th row by scalars.
    const r0 = a + (<usize>(i * ar + p0) << 2);
    const r1 = r0 + (<usize>ar << 2), r2 = r1 + (<usize>ar << 2), r3 = r2 + (<usize>ar << 2), r4 = r3 + (<usize>ar << 2);
    for (; p0done + 4 <= kc; p0done += 4) {
      const off = <usize>p0done << 2;
      const x0 = v128.load(r0 + off), x1 = v128.load(r1 + off), x2 = v128.load(r2 + off), x3 = v128.load(r3 + off);
      const t0 = v128.shuffle<i32>(x0, x1, 0, 4, 1, 5), t1 = v128.shuffle<i32>(x0, x1, 2, 6, 3, 7);
      const t2 = v128.shuffle<i32>(x2, x3, 0, 4, 1, 5), t3 = v128.shuffle<i32>(x2, x3, 2, 6, 3, 7);
      const d = apack + (<usize>(p0done * MR) << 2);
      v128.store(d, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
      v128.store(d, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7), MR * 4);
      v128.store(d, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5), MR * 8);
      v128.store(d, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7), MR * 12);
      if (MR == 5) {
        const x4 = v128.load(r4 + off);
        store<f32>(d, f32x4.extract_lane(x4, 0), 16);
        store<f32>(d, f32x4.extract_lane(x4, 1), 36);
        store<f32>(d, f32x4.extract_lane(x4, 2), 56);
        store<f32>(d, f32x4.extract_lane(x4, 3), 76);
      }
    }
    if (p0done == kc) return;
  }
  for (let r = 0; r < MR; r++) {
    let d = apack + (<usize>(p0done * MR + r) << 2);
    if (r >= rows) {
      for (let p = p0done; p < kc; p++, d += MR * 4) store<f32>(d, 0);
      continue;
    }
    let src = a + (<usize>((i + r) * ar + (p0 + p0done) * ac) << 2);
    const step = <usize>ac << 2;
    for (let p = p0done; p < kc; p++, d += MR * 4, src += step) store<f32>(d, load<f32>(src));
  }
}

/**
 * The relaxed-SIMD micro-kernel: a 5 × 8 tile of C in 10 f32x4 accumulators over kc steps of packed A (5 floats a
 * step) and packed B (8 floats a step). Rows 0-3 come from one v128 load of A splatted lane by lane (vpshufd),
 * row 4 from load32_splat: V8 issues every load of a loop body before the arithmetic, so 5 load32_splat would hold
 * 5 broadcasts at once (17 live vectors: spills), while the shuffles are scheduled next to their use (14 live).
 */
@inline function tile5x8(pa: usize, pb: usize, kc: i32, cp: usize, ldc: i32, rows: i32, cols: i32, overwrite: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const aq = v128.load(pa);
    let av = v128.shuffle<i32>(aq, aq, 0, 0, 0, 0);
    c00 = madd(av, b0, c00); c01 = madd(av, b1, c01);
    av = v128.shuffle<i32>(aq, aq, 1, 1, 1, 1);
    c10 = madd(av, b0, c10); c11 = madd(av, b1, c11);
    av = v128.shuffle<i32>(aq, aq, 2, 2, 2, 2);
    c20 = madd(av, b0, c20); c21 = madd(av, b1, c21);
    av = v128.shuffle<i32>(aq, aq, 3, 3, 3, 3);
    c30 = madd(av, b0, c30); c31 = madd(av, b1, c31);
    av = v128.load32_splat(pa, 16);
    c40 = madd(av, b0, c40); c41 = madd(av, b1, c41);
    pb += NR * 4;
    pa += 5 * 4;
  }
  const rowStep = <usize>ldc << 2;
  storeRow(cp, c00, c01, cols, overwrite);
  if (rows > 1) storeRow(cp += rowStep, c10, c11, cols, overwrite);
  if (rows > 2) storeRow(cp += rowStep, c20, c21, cols, overwrite);
  if (rows > 3) storeRow(cp += rowStep, c30, c31, cols, overwrite);
  if (rows > 4) storeRow(cp += rowStep, c40, c41, cols, overwrite);
}

/**
 * The plain-SIMD micro-kernel: a 4 × 8 tile in 8 accumulators, A by load32_splat (a vbroadcastss from memory, which
 * takes no ALU slot). With mul + add instead of FMA, the shuffles of tile5x8 compete with the adds for the
 * vector ALUs: a 5 × 8 tile ran ~10% slower than this one here.
 */
@inline function tile4x8(pa: usize, pb: usize, kc: i32, cp: usize, ldc: i32, rows: i32, cols: i32, overwrite: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(pa);
    c00 = madd(av, b0, c00); c01 = madd(av, b1, c01);
    av = v128.load32_splat(pa, 4);
    c10 = madd(av, b0, c10); c11 = madd(av, b1, c11);
    av = v128.load32_splat(pa, 8);
    c20 = madd(av, b0, c20); c21 = madd(av, b1, c21);
    av = v128.load32_splat(pa, 12);
    c30 = madd(av, b0, c30); c31 = madd(av, b1, c31);
    pb += NR * 4;
    pa += 4 * 4;
  }
  const rowStep = <usize>ldc << 2;
  storeRow(cp, c00, c01, cols, overwrite);
  if (rows > 1) storeRow(cp += rowStep, c10, c11, cols, overwrite);
  if (rows > 2) storeRow(cp += rowStep, c20, c21, cols, overwrite);
  if (rows > 3) storeRow(cp += rowStep, c30, c31, cols, overwrite);
}

/**
 * C rows [i0, i1) × columns [j0, j1) (+)= A·B over the whole reduction k. `pack` is this thread's packing buffer:
 * KC·NC floats for B, then KC·MR for A.
 * `accumulate` false: C's block is overwritten (by the first KC panel; the rest add).
 */
export function gemmRange(
  a: usize, ar: i32, ac: i32,
  b: usize, br: i32, bc: i32,
  c: usize, ldc: i32, k: i32, accumulate: bool,
  i0: i32, i1: i32, j0: i32, j1: i32, pack: usize,
): void {
  if (i0 >= i1 || j0 >= j1) return;
  if (k == 0) {
    if (!accumulate) for (let i = i0; i < i1; i++) memory.fill(c + (<usize>(i * ldc + j0) << 2), 0, <usize>(j1 - j0) << 2);
    return;
  }
  const apack = pack + (<usize>(KC * NC) << 2);
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    // Equal reduction panels (k = 288 → 2 × 144, not 256 + 32: a short last panel pays the packing and the
    // C read-modify-write for little arithmetic).
    const panels = (k + KC - 1) / KC;
    const depth = (k + panels - 1) / panels;
    for (let pc = 0; pc < k; pc += depth) {
      const kc = min(depth, k - pc);
      const overwrite = !accumulate && pc == 0;
      packB(pack, b, br, bc, pc, kc, jc, nc);
      for (let i = i0; i < i1; i += MR) {
        const rows = min(MR, i1 - i);
        packA(apack, a, ar, ac, i, rows, pc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const pb = pack + (<usize>(jr * kc) << 2);
          const cp = c + (<usize>(i * ldc + jc + jr) << 2);
          const cols = min(NR, nc - jr);
          if (MR == 5) tile5x8(apack, pb, kc, cp, ldc, rows, cols, overwrite);
          else tile4x8(apack, pb, kc, cp, ldc, rows, cols, overwrite);
        }
      }
    }
  }
}
