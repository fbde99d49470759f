/**
 * Matrix products for dense layers and im2col convolutions: one cache-blocked kernel over strided operands, so the
 * three forms a layer needs (A·B forward, A·Bᵀ for the input gradient, Aᵀ·B for the weight gradient) are the same
 * loop with different strides: no operand is transposed first (B is only copied panel by panel into a small buffer).
 *
 * Speed in plain JS comes from (1) a 4×4 block of C held in 16 local variables (8 loads feed 16 multiply-adds;
 * a 4×2 block for the last one or two columns, so a 6-filter conv does not multiply 2 padded columns),
 * (2) the reduction split into KC-long panels so the A and B rows a panel touches stay in L1/L2 while every C block
 * is visited, and (3) index arithmetic hoisted out of the inner loop (pointers that step by a stride).
 */
import type { FloatArray } from '../../tensor/types';

/** Panel sizes: a packed KC × NC panel of B is 256 KiB (float64), which stays in L2 while every row block of A passes. */
const KC = 256;
const NC = 128;

/** B's current panel, packed row-major with its width rounded up to 4 (zero columns), in float64 for either dtype. */
let packed = new Float64Array(KC * NC);

/**
 * C[i·n + j] (+)= Σ_p A[i·ar + p·ac] · B[p·br + j·bc] for i < m, j < n, p < k. C is row-major [m, n].
 */
export function gemmStrided(
  m: number, n: number, k: number,
  a: FloatArray, ar: number, ac: number,
  b: FloatArray, br: number, bc: number,
  c: FloatArray, accumulate: boolean,
): void {
  if (!accumulate) c.fill(0, 0, m * n);
  const m4 = m - (m % 4);
  const ar2 = 2 * ar, ar3 = 3 * ar;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nb = Math.min(NC, n - j0);
    const w = (nb + 3) & ~3;
    for (let p0 = 0; p0 < k; p0 += KC) {
      const len = Math.min(KC, k - p0);
      const bp = packPanel(b, br, bc, p0, len, j0, nb, w);
      for (let i = 0; i < m4; i += 4) {
        const aBase = i * ar + p0 * ac;
        for (let jj = 0; jj < w; jj += 4) {
          if (nb - jj <= 2) {
            // The last one or two columns: a 4×2 block does the work without the padded columns' multiplies.
            let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
            let pa = aBase;
            let pb = jj;
            for (let p = 0; p < len; p++) {
              const b0 = bp[pb], b1 = bp[pb + 1];
              const a0 = a[pa], a1 = a[pa + ar], a2 = a[pa + ar2], a3 = a[pa + ar3];
              c00 += a0 * b0; c01 += a0 * b1; c10 += a1 * b0; c11 += a1 * b1;
              c20 += a2 * b0; c21 += a2 * b1; c30 += a3 * b0; c31 += a3 * b1;
              pa += ac;
              pb += w;
            }
            storeEdge(c, i * n + j0 + jj, n, nb - jj, c00, c01, 0, c10, c11, 0, c20, c21, 0, c30, c31, 0);
            continue;
          }
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
          let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          let pa = aBase;
          let pb = jj;
          for (let p = 0; p < len; p++) {
            const a0 = a[pa], a1 = a[pa + ar], a2 = a[pa + ar2], a3 = a[pa + ar3];
            const b0 = bp[pb], b1 = bp[pb + 1], b2 = bp[pb + 2], b3 = bp[pb + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            pa += ac;
            pb += w;
          }
          const q = i * n + j0 + jj;
          const cols = nb - jj;
          if (cols >= 4) {
            c[q] += c00; c[q + 1] += c01; c[q + 2] += c02; c[q + 3] += c03;
            c[q + n] += c10; c[q + n + 1] += c11; c[q + n + 2] += c12; c[q + n + 3] += c13;
            const q2 = q + 2 * n, q3 = q + 3 * n;
            c[q2] += c20; c[q2 + 1] += c21; c[q2 + 2] += c22; c[q2 + 3] += c23;
            c[q3] += c30; c[q3 + 1] += c31; c[q3 + 2] += c32; c[q3 + 3] += c33;
          } else {
            storeEdge(c, q, n, cols, c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32);
          }
        }
      }
      // Leftover rows (m mod 4): one row against 4 packed columns at a time.
      for (let i = m4; i < m; i++) {
        const aBase = i * ar + p0 * ac;
        for (let jj = 0; jj < w; jj += 4) {
          let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
          let pa = aBase;
          let pb = jj;
          for (let p = 0; p < len; p++) {
            const av = a[pa];
            c0 += av * bp[pb]; c1 += av * bp[pb + 1]; c2 += av * bp[pb + 2]; c3 += av * bp[pb + 3];
            pa += ac;
            pb += w;
          }
          const q = i * n + j0 + jj;
          const cols = nb - jj;
          c[q] += c0;
          if (cols > 1) c[q + 1] += c1;
          if (cols > 2) c[q + 2] += c2;
          if (cols > 3) c[q + 3] += c3;
        }
      }
    }
  }
}

function packPanel(b: FloatArray, br: number, bc: number, p0: number, len: number, j0: number, nb: number, w: number): Float64Array {
  if (packed.length < len * w) packed = new Float64Array(len * w);
  const bp = packed;
  for (let p = 0, o = 0; p < len; p++) {
    let s = (p0 + p) * br + j0 * bc;
    for (let j = 0; j < nb; j++, s += bc) bp[o++] = b[s];
    for (let j = nb; j < w; j++) bp[o++] = 0;
  }
  return bp;
}

/** Stores the first 1–3 columns of a 4×4 block at the right edge of C. */
function storeEdge(
  c: FloatArray, q: number, n: number, cols: number,
  c00: number, c01: number, c02: number, c10: number, c11: number, c12: number,
  c20: number, c21: number, c22: number, c30: number, c31: number, c32: number,
): void {
  c[q] += c00; c[q + n] += c10; c[q + 2 * n] += c20; c[q + 3 * n] += c30;
  if (cols < 2) return;
  c[q + 1] += c01; c[q + n + 1] += c11; c[q + 2 * n + 1] += c21; c[q + 3 * n + 1] += c31;
  if (cols < 3) return;
  c[q + 2] += c02; c[q + n + 2] += c12; c[q + 2 * n + 2] += c22; c[q + 3 * n + 2] += c32;
}

/** C[m,n] (+)= A[m,k] · B[k,n]. */
export function matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, accumulate: boolean): void {
  gemmStrided(m, n, k, a, k, 1, b, n, 1, c, accumulate);
}

/** C[m,n] (+)= A[m,k] · B[n,k]ᵀ. */
export function matmulTransB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, accumulate: boolean): void {
  gemmStrided(m, n, k, a, k, 1, b, 1, k, c, accumulate);
}

/** C[m,n] (+)= A[k,m]ᵀ · B[k,n]. */
export function matmulTransA(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, accumulate: boolean): void {
  gemmStrided(m, n, k, a, 1, m, b, n, 1, c, accumulate);
}

/** y[r,c] += bias[c]. */
export function addBias(y: FloatArray, bias: FloatArray, rows: number, cols: number): void {
  for (let r = 0, o = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, o++) y[o] += bias[c];
  }
}

/** out[c] = Σ_r x[r,c]. */
export function sumRows(x: FloatArray, out: FloatArray, rows: number, cols: number): void {
  out.fill(0, 0, cols);
  for (let r = 0, o = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, o++) out[c] += x[o];
  }
}
