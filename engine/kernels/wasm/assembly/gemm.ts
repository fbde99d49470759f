// SGEMM over strided operands: C[i·ldc + j] (+)= Σ_p A[i·ar + p·ac] · B[p·br + j·bc]. One kernel serves the three
// forms the layers use (A·B, A·Bᵀ, Aᵀ·B): only the strides differ, nothing is transposed beforehand.
//
// Blocking (the BLIS/XNNPACK recipe, sized for 128-bit SIMD):
//  - B is packed, up to KC rows × NC columns at a time, into micro-panels of NR = 8 columns (two f32x4 per row),
//    zero-padded on the right edge, so the micro-kernel reads B as one contiguous stream whatever its strides were.
//    A 256 × 256 panel is 256 KiB: it stays in L2 while every row block of A passes over it.
//  - A is packed MR = 4 rows at a time (kc × 4, interleaved) right before its row block meets the B panels; the
//    micro-kernel broadcasts each value with v128.load32_splat (one vbroadcastss on x86). Packing A matters for the
//    Aᵀ·B form: read in place, its rows are 4 KiB apart at 1024 columns and every step of p hit the same L1 set.
//  - The micro-kernel keeps a 4 × 8 tile of C in 8 f32x4 accumulators (+ 2 B vectors + 1 broadcast = 11 XMM
//    registers). Measured on the project host (1024³, relaxed SIMD, A unpacked): 4 × 8 ran at ~32 GFLOP/s, 6 × 8
//    at ~19 — 15 live vectors spill, as V8 keeps an XMM register for itself.
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

const MR = 4;

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
    // Aᵀ stored [k, m]: the MR rows are MR adjacent floats at every p.
    let src = a + (<usize>(p0 * ac + i) << 2);
    const step = <usize>ac << 2;
    for (let p = 0; p < kc; p++, src += step) v128.store(apack + (<usize>p << 4), v128.load(src));
    return;
  }
  let p0done = 0;
  if (ac == 1 && rows == MR) {
    // Row-major A: 4 values of each row at a time, transposed 4 × 4 in registers.
    const r0 = a + (<usize>(i * ar + p0) << 2);
    const r1 = r0 + (<usize>ar << 2), r2 = r1 + (<usize>ar << 2), r3 = r2 + (<usize>ar << 2);
    for (; p0done + 4 <= kc; p0done += 4) {
      const off = <usize>p0done << 2;
      const x0 = v128.load(r0 + off), x1 = v128.load(r1 + off), x2 = v128.load(r2 + off), x3 = v128.load(r3 + off);
      const t0 = v128.shuffle<i32>(x0, x1, 0, 4, 1, 5), t1 = v128.shuffle<i32>(x0, x1, 2, 6, 3, 7);
      const t2 = v128.shuffle<i32>(x2, x3, 0, 4, 1, 5), t3 = v128.shuffle<i32>(x2, x3, 2, 6, 3, 7);
      const d = apack + (<usize>p0done << 4);
      v128.store(d, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
      v128.store(d, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7), 16);
      v128.store(d, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5), 32);
      v128.store(d, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7), 48);
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
          let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
          let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
          let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
          let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
          let pb = pack + (<usize>(jr * kc) << 2);
          let pa = apack;
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
            pa += MR * 4;
          }
          const cols = min(NR, nc - jr);
          let cp = c + (<usize>(i * ldc + jc + jr) << 2);
          const rowStep = <usize>ldc << 2;
          storeRow(cp, c00, c01, cols, overwrite);
          if (rows > 1) storeRow(cp += rowStep, c10, c11, cols, overwrite);
          if (rows > 2) storeRow(cp += rowStep, c20, c21, cols, overwrite);
          if (rows > 3) storeRow(cp += rowStep, c30, c31, cols, overwrite);
        }
      }
    }
  }
}
