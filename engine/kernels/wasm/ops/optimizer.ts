/**
 * The optimizer updates (SGD, momentum, Adam) and the gradient-norm helpers on the WASM kernels; float64 tensors
 * take the formulas below.
 */
import type { OptimizerKernels } from '../../backend';
import type { FloatArray } from '../../../tensor/types';
import { f32, type WasmContext } from '../context';

export function optimizerOps(c: WasmContext): OptimizerKernels {
  const { k, stage } = c;
  return {
    sgd(theta, grad, n, lr, decay) {
      if (!f32(theta) || !f32(grad)) return sgdFallback(theta, grad, n, lr, decay);
      stage.begin();
      const pg = stage.input(grad, n), pt = stage.output(theta, n, true);
      const shares = c.elementShares(n, n);
      for (let t = 0; t < shares; t++) c.put(t, pt + 4 * c.lo[t], pg + 4 * c.lo[t], c.hi[t] - c.lo[t], lr, decay);
      c.dispatch('sgd', shares);
      stage.end();
    },
    sgdMomentum(theta, grad, buffer, n, lr, decay, mu, nesterov) {
      if (!f32(theta) || !f32(grad) || !f32(buffer)) return momentumFallback(theta, grad, buffer, n, lr, decay, mu, nesterov);
      stage.begin();
      const pg = stage.input(grad, n), pt = stage.output(theta, n, true), pb = stage.output(buffer, n, true);
      k.sgdMomentum(pt, pg, pb, n, lr, decay, mu, nesterov ? 1 : 0);
      stage.end();
    },
    adam(theta, grad, m, v, n, stepSize, root, beta1, beta2, epsilon, decay) {
      if (!f32(theta) || !f32(grad) || !f32(m) || !f32(v)) return adamFallback(theta, grad, m, v, n, stepSize, root, beta1, beta2, epsilon, decay);
      stage.begin();
      const pg = stage.input(grad, n), pt = stage.output(theta, n, true), pm = stage.output(m, n, true), pv = stage.output(v, n, true);
      k.adam(pt, pg, pm, pv, n, stepSize, root, beta1, beta2, epsilon, decay);
      stage.end();
    },
    sumSquares(x, n) {
      if (!f32(x)) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x[i] * x[i];
        return s;
      }
      stage.begin();
      const s = k.sumSquares(stage.input(x, n), n);
      stage.end();
      return s;
    },
    scale(x, n, s) {
      if (!f32(x)) {
        for (let i = 0; i < n; i++) x[i] *= s;
        return;
      }
      stage.begin();
      k.scale(stage.output(x, n, true), n, s);
      stage.end();
    },
  };
}

// The optimizer formulas for float64 tensors (never met in training, which is float32; kept so the kernels are total).
function sgdFallback(theta: FloatArray, grad: FloatArray, n: number, lr: number, decay: number): void {
  for (let i = 0; i < n; i++) theta[i] -= lr * (grad[i] + decay * theta[i]);
}
function momentumFallback(
  theta: FloatArray, grad: FloatArray, buffer: FloatArray, n: number, lr: number, decay: number, mu: number, nesterov: boolean,
): void {
  for (let i = 0; i < n; i++) {
    const g = grad[i] + decay * theta[i];
    const b = mu * buffer[i] + g;
    buffer[i] = b;
    theta[i] -= lr * (nesterov ? g + mu * b : b);
  }
}
function adamFallback(
  theta: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, n: number,
  stepSize: number, root: number, beta1: number, beta2: number, epsilon: number, decay: number,
): void {
  for (let i = 0; i < n; i++) {
    const g = grad[i] + decay * theta[i];
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    theta[i] -= (stepSize * mi) / (Math.sqrt(vi) / root + epsilon);
  }
}
