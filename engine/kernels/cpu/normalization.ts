/**
 * Batch normalisation over the last axis: `rows` samples (N, or N·H·W for images) of `channels` values.
 * Training uses the batch statistics (biased variance) and folds them into the running statistics in Keras'
 * convention, running = momentum·running + (1 − momentum)·batch, with the unbiased variance as PyTorch does.
 * Evaluation is the affine map γ·(x − running mean)/√(running var + ε) + β.
 *
 * Backward through the batch statistics (Ioffe & Szegedy 2015, simplified): with R rows,
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/(R·σ) · (R·dy − dβ − x̂·dγ).
 */
import type { BatchNormBackward, BatchNormEvalBackward, BatchNormEvalForward, BatchNormTrainForward } from '../backend';

export function batchNormTrainForward(a: BatchNormTrainForward): void {
  const { x, gamma, beta, y, xhat, invStd, runningMean, runningVar, rows, channels, epsilon, momentum } = a;
  const C = channels;
  const n = rows * C;
  const mean = new Float64Array(C);
  const variance = new Float64Array(C);
  for (let i = 0; i < n; i += C) {
    for (let c = 0; c < C; c++) mean[c] += x[i + c];
  }
  for (let c = 0; c < C; c++) mean[c] /= rows;
  for (let i = 0; i < n; i += C) {
    for (let c = 0; c < C; c++) {
      const d = x[i + c] - mean[c];
      variance[c] += d * d;
    }
  }
  const unbias = rows > 1 ? rows / (rows - 1) : 1;
  for (let c = 0; c < C; c++) {
    const v = variance[c] / rows;
    invStd[c] = 1 / Math.sqrt(v + epsilon);
    runningMean[c] = momentum * runningMean[c] + (1 - momentum) * mean[c];
    runningVar[c] = momentum * runningVar[c] + (1 - momentum) * v * unbias;
  }
  for (let i = 0; i < n; i += C) {
    for (let c = 0; c < C; c++) {
      const h = (x[i + c] - mean[c]) * invStd[c];
      xhat[i + c] = h;
      y[i + c] = gamma[c] * h + beta[c];
    }
  }
}

export function batchNormEvalForward(a: BatchNormEvalForward): void {
  const { x, gamma, beta, runningMean, runningVar, y, rows, channels, epsilon } = a;
  const C = channels;
  const scale = new Float64Array(C);
  const shift = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    scale[c] = gamma[c] / Math.sqrt(runningVar[c] + epsilon);
    shift[c] = beta[c] - runningMean[c] * scale[c];
  }
  const n = rows * C;
  for (let i = 0; i < n; i += C) {
    for (let c = 0; c < C; c++) y[i + c] = x[i + c] * scale[c] + shift[c];
  }
}

export function batchNormBackward(a: BatchNormBackward): void {
  const { dy, xhat, gamma, invStd, dx, dgamma, dbeta, rows, channels } = a;
  const C = channels;
  const n = rows * C;
  dgamma.fill(0, 0, C);
  dbeta.fill(0, 0, C);
  for (let i = 0; i < n; i += C) {
    for (let c = 0; c < C; c++) {
      const g = dy[i + c];
      dbeta[c] += g;
      dgamma[c] += g * xhat[i + c];
    }
  }
  const k = new Float64Array(C);
  for (let c = 0; c < C; c++) k[c] = (gamma[c] * invStd[c]) / rows;
  for (let i = 0; i < n; i += C) {
    for (let c = 0; c < C; c++) {
      dx[i + c] = k[c] * (rows * dy[i + c] - dbeta[c] - xhat[i + c] * dgamma[c]);
    }
  }
}

export function batchNormEvalBackward(a: BatchNormEvalBackward): void {
  const { dy, x, gamma, runningMean, runningVar, dx, dgamma, dbeta, rows, channels, epsilon } = a;
  const C = channels;
  const n = rows * C;
  const inv = new Float64Array(C);
  for (let c = 0; c < C; c++) inv[c] = 1 / Math.sqrt(runningVar[c] + epsilon);
  dgamma.fill(0, 0, C);
  dbeta.fill(0, 0, C);
  for (let i = 0; i < n; i += C) {
    for (let c = 0; c < C; c++) {
      const g = dy[i + c];
      dbeta[c] += g;
      dgamma[c] += g * (x[i + c] - runningMean[c]) * inv[c];
      dx[i + c] = g * gamma[c] * inv[c];
    }
  }
}
