/** The losses on the WASM kernels (one thread: a reduction over a batch of outputs, small next to the step). */
import type { Backend, ClassificationLoss } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function lossOps(c: WasmContext): Partial<Backend> {
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
    sigmoidBinaryCrossEntropy(logits, targets, dlogits, n, scale): ClassificationLoss {
      if (!f32(logits) || !f32(targets) || (dlogits && !f32(dlogits))) return cpuBackend.sigmoidBinaryCrossEntropy(logits, targets, dlogits, n, scale);
      stage.begin();
      const pl = stage.input(logits, n), pt = stage.input(targets, n);
      const pd = dlogits ? stage.output(dlogits, n, false) : 0;
      k.sigmoidBinaryCrossEntropy(pl, pt, pd, n, scale, outAt);
      stage.end();
      return { lossSum: outF64[0], correct: outI32[0] };
    },
    squaredError(y, targets, dy, n, scale) {
      if (!f32(y) || !f32(targets) || (dy && !f32(dy))) return cpuBackend.squaredError(y, targets, dy, n, scale);
      stage.begin();
      const py = stage.input(y, n), pt = stage.input(targets, n);
      const pd = dy ? stage.output(dy, n, false) : 0;
      k.squaredError(py, pt, pd, n, scale, outAt);
      stage.end();
      return outF64[0];
    },
  };
}
