/**
 * Row-wise ops on the WASM kernels: softmax and layer normalisation over the last axis, split by rows. The layer
 * norm's dγ, dβ sum over every row, so a thread other than the first writes its rows' sums into its own partial and
 * the caller adds them after, in a fixed order (the same values whoever ran a share).
 */
import type { Backend } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function rowOps(c: WasmContext): Partial<Backend> {
  const { k, stage } = c;
  return {
    softmaxForward(x, y, rows, cols) {
      if (!f32(x) || !f32(y)) return cpuBackend.softmaxForward(x, y, rows, cols);
      stage.begin();
      const px = stage.input(x, rows * cols), py = stage.output(y, rows * cols, false);
      c.runShares('softmaxForward', c.elementShares(rows, rows * cols), px, py, cols);
      stage.end();
    },
    softmaxBackward(y, dy, dx, rows, cols) {
      if (!f32(y) || !f32(dy) || !f32(dx)) return cpuBackend.softmaxBackward(y, dy, dx, rows, cols);
      stage.begin();
      const py = stage.input(y, rows * cols), pdy = stage.input(dy, rows * cols), pdx = stage.output(dx, rows * cols, false);
      c.runShares('softmaxBackward', c.elementShares(rows, rows * cols), py, pdy, pdx, cols);
      stage.end();
    },
    layerNormForward(a, rows, cols, epsilon) {
      const { x, gamma, beta, y, xhat, invStd } = a;
      if (![x, gamma, beta, y, xhat, invStd].every(f32)) return cpuBackend.layerNormForward(a, rows, cols, epsilon);
      stage.begin();
      const n = rows * cols;
      const px = stage.input(x as Float32Array, n), pg = stage.input(gamma as Float32Array, cols), pb = stage.input(beta as Float32Array, cols);
      const py = stage.output(y as Float32Array, n, false), ph = stage.output(xhat as Float32Array, n, false);
      const pi = stage.output(invStd as Float32Array, rows, false);
      c.runShares('layerNormForward', c.elementShares(rows, n), px, pg, pb, py, ph, pi, cols, epsilon);
      stage.end();
    },
    layerNormBackward(a, rows, cols) {
      const { dy, xhat, gamma, invStd, dx, dgamma, dbeta } = a;
      if (![dy, xhat, gamma, invStd, dx, dgamma, dbeta].every(f32)) return cpuBackend.layerNormBackward(a, rows, cols);
      stage.begin();
      const n = rows * cols;
      const pdy = stage.input(dy as Float32Array, n), ph = stage.input(xhat as Float32Array, n);
      const pg = stage.input(gamma as Float32Array, cols), pi = stage.input(invStd as Float32Array, rows);
      const pdx = stage.output(dx as Float32Array, n, false);
      const pdg = stage.output(dgamma as Float32Array, cols, false), pdb = stage.output(dbeta as Float32Array, cols, false);
      const shares = c.elementShares(rows, n);
      c.put(0, pdy, ph, pg, pi, pdx, pdg, pdb, cols, c.lo[0], c.hi[0]);
      for (let t = 1; t < shares; t++) {
        const at = c.partialAt(t, 2 * cols);
        c.put(t, pdy, ph, pg, pi, pdx, at, at + cols * 4, cols, c.lo[t], c.hi[t]);
      }
      c.dispatch('layerNormBackward', shares);
      for (let t = 1; t < shares; t++) {
        const at = c.partialAt(t, 2 * cols);
        k.addInto(pdg, at, 0, cols);
        k.addInto(pdb, at + cols * 4, 0, cols);
      }
      stage.end();
    },
  };
}
