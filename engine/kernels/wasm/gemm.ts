/** The GEMM calls every product goes through: C (+)= A·B with strides (assembly/gemm.ts), split between threads. */
import { NR } from './exports';
import type { WasmContext } from './context';

/** C (+)= A·B, split by 8-column panels of C when there are at least 2 per thread, by rows otherwise. */
export function gemm(
  c: WasmContext,
  a: number, ar: number, ac: number, b: number, br: number, bc: number, out: number,
  m: number, n: number, kk: number, accumulate: boolean,
): void {
  const { k, threads, packs, mr } = c;
  const acc = accumulate ? 1 : 0;
  if (threads === 1 || 2 * m * n * kk < c.policy.parallelFlops) {
    k.gemmRange(a, ar, ac, b, br, bc, out, n, kk, acc, 0, m, 0, n, packs[0]);
    return;
  }
  const byColumns = Math.ceil(n / NR) >= 2 * threads || m < mr * threads;
  const shares = c.split(byColumns ? n : m, byColumns ? NR : mr);
  for (let t = 0; t < shares; t++) {
    if (byColumns) c.put(t, a, ar, ac, b, br, bc, out, n, kk, acc, 0, m, c.lo[t], c.hi[t], packs[t]);
    else c.put(t, a, ar, ac, b, br, bc, out, n, kk, acc, c.lo[t], c.hi[t], 0, n, packs[t]);
  }
  c.dispatch('gemmRange', shares);
}

/** dW (+)= colᵀ·dy, split by rows of dW (the conv filter gradient's 'rows' policy, split.ts). */
export function gemmFilter(c: WasmContext, pcol: number, pdy: number, pdw: number, patch: number, K: number, rows: number, accumulate: boolean): void {
  const { k, threads, packs, mr } = c;
  const acc = accumulate ? 1 : 0;
  if (threads === 1 || 2 * patch * K * rows < c.policy.parallelFlops || patch < mr * threads) {
    k.gemmRange(pcol, 1, patch, pdy, K, 1, pdw, K, rows, acc, 0, patch, 0, K, packs[0]);
    return;
  }
  const shares = c.split(patch, mr);
  for (let t = 0; t < shares; t++) c.put(t, pcol, 1, patch, pdy, K, 1, pdw, K, rows, acc, c.lo[t], c.hi[t], 0, K, packs[t]);
  c.dispatch('gemmRange', shares);
}
