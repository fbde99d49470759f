/**
 * The fused softmax cross-entropy and the elementwise ops (product, accumulation) on the WASM kernels.
 */
import type { Backend, ClassificationLoss } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function elementwiseOps(c: WasmContext): Partial<Backend> {
  const { k, stage, outAt, outF64, outI32 } = c;
  return {
    softmaxCrossEntropy(logits, targets, dlogits, rows, cols, scale): ClassificationLoss {
      if (!f32(logits) || (dlogits && !f32(dlogits))) return cpuBackend.softmaxCrossEntropy(logits, targets, dlogits, rows, cols, scale);
      stage.begin();
      const pl = stage.input(logits, rows * cols), pt = stage.input(targets, rows);
      const pd = dlogits ? stage.output(dlogits, rows * cols, false) : 0;
      k.softmaxCrossEntropy(pl, pt, pd, rows, cols, scale, outAt);
      stage.end();
      return { lossSum: outF64[0], correct: outI32[0] };
    },

    multiply(a, b, out, n) {
      if (!f32(a) || !f32(b) || !f32(out)) return cpuBackend.multiply(a, b, out, n);
      stage.begin();
      const pa = stage.input(a, n), pb = stage.input(b, n), po = stage.output(out, n, false);
      k.multiply(pa, pb, po, 0, n);
      stage.end();
    },
    addInto(acc, x, n) {
      if (!f32(acc) || !f32(x)) return cpuBackend.addInto(acc, x, n);
      stage.begin();
      const px = stage.input(x, n), pacc = stage.output(acc, n, true);
      c.run('addInto', c.elementShares(n, n).map(([i0, i1]) => [pacc, px, i0, i1]));
      stage.end();
    },
  };
}
