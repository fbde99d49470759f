/**
 * Layer normalisation (Ba, Kiros & Hinton 2016) over the last axis: each row of C values (the channels at one pixel,
 * or a whole vector) is normalised by its own mean and biased variance, then scaled and shifted per column:
 *   xhat = (x − μ_row)/√(σ²_row + ε),  y = γ·xhat + β
 * Unlike batchnorm nothing depends on the batch, so training and evaluation are the same map.
 * Backward, per row with dxhat = dy·γ (the batchnorm formula with the roles of rows and columns swapped):
 *   dx = (1/σ)/C · (C·dxhat − Σ_c dxhat − xhat·Σ_c dxhat·xhat),  dγ = Σ_rows dy·xhat,  dβ = Σ_rows dy.
 */
import type { FloatArray } from '../../tensor/types';

export function layerNormForward(
  a: { x: FloatArray; gamma: FloatArray; beta: FloatArray; y: FloatArray; xhat: FloatArray; invStd: FloatArray },
  rows: number, cols: number, epsilon: number,
): void {
  const { x, gamma, beta, y, xhat, invStd } = a;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let mean = 0;
    for (let c = 0; c < cols; c++) mean += x[base + c];
    mean /= cols;
    let variance = 0;
    for (let c = 0; c < cols; c++) {
      const d = x[base + c] - mean;
      variance += d * d;
    }
    const inv = 1 / Math.sqrt(variance / cols + epsilon);
    invStd[r] = inv;
    for (let c = 0; c < cols; c++) {
      const h = (x[base + c] - mean) * inv;
      xhat[base + c] = h;
      y[base + c] = gamma[c] * h + beta[c];
    }
  }
}

export function layerNormBackward(
  a: { dy: FloatArray; xhat: FloatArray; gamma: FloatArray; invStd: FloatArray; dx: FloatArray; dgamma: FloatArray; dbeta: FloatArray },
  rows: number, cols: number,
): void {
  const { dy, xhat, gamma, invStd, dx, dgamma, dbeta } = a;
  dgamma.fill(0, 0, cols);
  dbeta.fill(0, 0, cols);
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let sum = 0;
    let dot = 0;
    for (let c = 0; c < cols; c++) {
      const g = dy[base + c];
      const h = xhat[base + c];
      dbeta[c] += g;
      dgamma[c] += g * h;
      const d = g * gamma[c];
      sum += d;
      dot += d * h;
    }
    const k = invStd[r] / cols;
    for (let c = 0; c < cols; c++) {
      dx[base + c] = k * (cols * dy[base + c] * gamma[c] - sum - xhat[base + c] * dot);
    }
  }
}
