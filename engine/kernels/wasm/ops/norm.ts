/**
 * Batchnorm (train and eval forms, both backward) on the WASM kernels, split by channels.
 */
import type { Backend } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function normOps(c: WasmContext): Partial<Backend> {
  const { stage } = c;
  return {
    batchNormTrainForward(a) {
      const { x, gamma, beta, y, xhat, invStd, runningMean, runningVar, rows, channels: C, epsilon, momentum } = a;
      if (![x, gamma, beta, y, xhat, invStd, runningMean, runningVar].every(f32)) return cpuBackend.batchNormTrainForward(a);
      stage.begin();
      const px = stage.input(x as Float32Array, rows * C), pg = stage.input(gamma as Float32Array, C), pb = stage.input(beta as Float32Array, C);
      const py = stage.output(y as Float32Array, rows * C, false), ph = stage.output(xhat as Float32Array, rows * C, false);
      const pi = stage.output(invStd as Float32Array, C, false);
      const pm = stage.output(runningMean as Float32Array, C, true), pv = stage.output(runningVar as Float32Array, C, true);
      const acc = c.bnScratch(C);
      c.runShares('batchNormTrainForward', c.channelShares(rows, C), px, pg, pb, py, ph, pi, pm, pv, rows, C, epsilon, momentum, acc);
      stage.end();
    },
    batchNormEvalForward(a) {
      const { x, gamma, beta, runningMean, runningVar, y, rows, channels: C, epsilon } = a;
      if (![x, gamma, beta, runningMean, runningVar, y].every(f32)) return cpuBackend.batchNormEvalForward(a);
      stage.begin();
      const px = stage.input(x as Float32Array, rows * C), pg = stage.input(gamma as Float32Array, C), pb = stage.input(beta as Float32Array, C);
      const pm = stage.input(runningMean as Float32Array, C), pv = stage.input(runningVar as Float32Array, C);
      const py = stage.output(y as Float32Array, rows * C, false);
      const acc = c.bnScratch(C);
      c.runShares('batchNormEvalForward', c.channelShares(rows, C), px, pg, pb, pm, pv, py, rows, C, epsilon, acc);
      stage.end();
    },
    batchNormBackward(a) {
      const { dy, xhat, gamma, invStd, dx, dgamma, dbeta, rows, channels: C } = a;
      if (![dy, xhat, gamma, invStd, dx, dgamma, dbeta].every(f32)) return cpuBackend.batchNormBackward(a);
      stage.begin();
      const pdy = stage.input(dy as Float32Array, rows * C), ph = stage.input(xhat as Float32Array, rows * C);
      const pg = stage.input(gamma as Float32Array, C), pi = stage.input(invStd as Float32Array, C);
      const pdx = stage.output(dx as Float32Array, rows * C, false);
      const pdg = stage.output(dgamma as Float32Array, C, false), pdb = stage.output(dbeta as Float32Array, C, false);
      const acc = c.bnScratch(C);
      c.runShares('batchNormBackward', c.channelShares(rows, C), pdy, ph, pg, pi, pdx, pdg, pdb, rows, C, acc);
      stage.end();
    },
    batchNormEvalBackward(a) {
      const { dy, x, gamma, runningMean, runningVar, dx, dgamma, dbeta, rows, channels: C, epsilon } = a;
      if (![dy, x, gamma, runningMean, runningVar, dx, dgamma, dbeta].every(f32)) return cpuBackend.batchNormEvalBackward(a);
      stage.begin();
      const pdy = stage.input(dy as Float32Array, rows * C), px = stage.input(x as Float32Array, rows * C);
      const pg = stage.input(gamma as Float32Array, C), pm = stage.input(runningMean as Float32Array, C), pv = stage.input(runningVar as Float32Array, C);
      const pdx = stage.output(dx as Float32Array, rows * C, false);
      const pdg = stage.output(dgamma as Float32Array, C, false), pdb = stage.output(dbeta as Float32Array, C, false);
      const acc = c.bnScratch(C);
      c.runShares('batchNormEvalBackward', c.channelShares(rows, C), pdy, px, pg, pm, pv, pdx, pdg, pdb, rows, C, epsilon, acc);
      stage.end();
    },
  };
}
