/**
 * The activations on the WASM kernels: those of ActivationKind, GELU, SiLU and ReLU6 split by elements, maxout
 * by rows.
 */
import type { ActivationKind, Backend } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function activationOps(c: WasmContext): Partial<Backend> {
  const { stage } = c;
  /** y = f(x) over n elements, split by elements. */
  const unary = (fn: 'geluForward' | 'siluForward' | 'relu6Forward', x: Float32Array, y: Float32Array, n: number) => {
    stage.begin();
    const px = stage.input(x, n), py = stage.output(y, n, false);
    c.runShares(fn, c.elementShares(n, n), px, py);
    stage.end();
  };
  /** dx = dy·f′(x) over n elements, split by elements. */
  const gradient = (fn: 'geluBackward' | 'siluBackward' | 'relu6Backward', x: Float32Array, dy: Float32Array, dx: Float32Array, n: number) => {
    stage.begin();
    const px = stage.input(x, n), pdy = stage.input(dy, n), pdx = stage.output(dx, n, false);
    c.runShares(fn, c.elementShares(n, n), px, pdy, pdx);
    stage.end();
  };
  return {
    activationForward(kind: ActivationKind, x, y, n, alpha) {
      if (!f32(x) || !f32(y)) return cpuBackend.activationForward(kind, x, y, n, alpha);
      stage.begin();
      const px = stage.input(x, n), py = stage.output(y, n, false);
      const shares = c.elementShares(n, n);
      if (kind === 'relu') c.runShares('reluForward', shares, px, py);
      else if (kind === 'sigmoid') c.runShares('sigmoidForward', shares, px, py);
      else if (kind === 'tanh') c.runShares('tanhForward', shares, px, py);
      else if (kind === 'elu') c.runShares('eluForward', shares, px, py, alpha);
      else c.runShares('leakyReluForward', shares, px, py, alpha);
      stage.end();
    },
    activationBackward(args) {
      const { kind, x, y, dy, dx, n, alpha } = args;
      if (!f32(x) || !f32(y) || !f32(dy) || !f32(dx)) return cpuBackend.activationBackward(args);
      stage.begin();
      const pdy = stage.input(dy, n), pdx = stage.output(dx, n, false);
      const shares = c.elementShares(n, n);
      if (kind === 'relu') {
        const px = stage.input(x, n);
        c.runShares('reluBackward', shares, px, pdy, pdx);
      } else if (kind === 'sigmoid' || kind === 'tanh') {
        const py = stage.input(y, n);
        c.runShares(kind === 'sigmoid' ? 'sigmoidBackward' : 'tanhBackward', shares, py, pdy, pdx);
      } else if (kind === 'elu') {
        const px = stage.input(x, n), py = stage.input(y, n);
        c.runShares('eluBackward', shares, px, py, pdy, pdx, alpha);
      } else {
        const px = stage.input(x, n);
        c.runShares('leakyReluBackward', shares, px, pdy, pdx, alpha);
      }
      stage.end();
    },
    geluForward(x, y, n) {
      if (!f32(x) || !f32(y)) return cpuBackend.geluForward(x, y, n);
      unary('geluForward', x, y, n);
    },
    siluForward(x, y, n) {
      if (!f32(x) || !f32(y)) return cpuBackend.siluForward(x, y, n);
      unary('siluForward', x, y, n);
    },
    relu6Forward(x, y, n) {
      if (!f32(x) || !f32(y)) return cpuBackend.relu6Forward(x, y, n);
      unary('relu6Forward', x, y, n);
    },
    geluBackward(x, dy, dx, n) {
      if (!f32(x) || !f32(dy) || !f32(dx)) return cpuBackend.geluBackward(x, dy, dx, n);
      gradient('geluBackward', x, dy, dx, n);
    },
    siluBackward(x, dy, dx, n) {
      if (!f32(x) || !f32(dy) || !f32(dx)) return cpuBackend.siluBackward(x, dy, dx, n);
      gradient('siluBackward', x, dy, dx, n);
    },
    relu6Backward(x, dy, dx, n) {
      if (!f32(x) || !f32(dy) || !f32(dx)) return cpuBackend.relu6Backward(x, dy, dx, n);
      gradient('relu6Backward', x, dy, dx, n);
    },

    maxoutForward(z, y, argmax, rows, units, pieces) {
      if (!f32(z) || !f32(y)) return cpuBackend.maxoutForward(z, y, argmax, rows, units, pieces);
      stage.begin();
      const pz = stage.input(z, rows * units * pieces), py = stage.output(y, rows * units, false);
      const pa = stage.output(argmax, rows * units, false);
      c.runShares('maxoutForward', c.elementShares(rows, rows * units * pieces), pz, py, pa, units, pieces);
      stage.end();
    },
    maxoutBackward(dy, argmax, dz, rows, units, pieces) {
      if (!f32(dy) || !f32(dz)) return cpuBackend.maxoutBackward(dy, argmax, dz, rows, units, pieces);
      stage.begin();
      const pdy = stage.input(dy, rows * units), pa = stage.input(argmax, rows * units);
      const pdz = stage.output(dz, rows * units * pieces, false);
      c.runShares('maxoutBackward', c.elementShares(rows, rows * units * pieces), pdy, pa, pdz, units, pieces);
      stage.end();
    },
  };
}
