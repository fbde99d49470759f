/**
 * The activations of ActivationKind on the WASM kernels, split by elements.
 */
import type { ActivationKind, Backend } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function activationOps(c: WasmContext): Partial<Backend> {
  const { stage } = c;
  return {
    activationForward(kind: ActivationKind, x, y, n, alpha) {
      if (!f32(x) || !f32(y)) return cpuBackend.activationForward(kind, x, y, n, alpha);
      stage.begin();
      const px = stage.input(x, n), py = stage.output(y, n, false);
      const shares = c.elementShares(n, n);
      if (kind === 'relu') c.run('reluForward', shares.map(([i0, i1]) => [px, py, i0, i1]));
      else if (kind === 'sigmoid') c.run('sigmoidForward', shares.map(([i0, i1]) => [px, py, i0, i1]));
      else if (kind === 'tanh') c.run('tanhForward', shares.map(([i0, i1]) => [px, py, i0, i1]));
      else if (kind === 'elu') c.run('eluForward', shares.map(([i0, i1]) => [px, py, alpha, i0, i1]));
      else c.run('leakyReluForward', shares.map(([i0, i1]) => [px, py, alpha, i0, i1]));
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
        c.run('reluBackward', shares.map(([i0, i1]) => [px, pdy, pdx, i0, i1]));
      } else if (kind === 'sigmoid' || kind === 'tanh') {
        const py = stage.input(y, n);
        c.run(kind === 'sigmoid' ? 'sigmoidBackward' : 'tanhBackward', shares.map(([i0, i1]) => [py, pdy, pdx, i0, i1]));
      } else if (kind === 'elu') {
        const px = stage.input(x, n), py = stage.input(y, n);
        c.run('eluBackward', shares.map(([i0, i1]) => [px, py, pdy, pdx, alpha, i0, i1]));
      } else {
        const px = stage.input(x, n);
        c.run('leakyReluBackward', shares.map(([i0, i1]) => [px, pdy, pdx, alpha, i0, i1]));
      }
      stage.end();
    },
  };
}
