/**
 * The elementwise and layout ops on the WASM kernels: the product (dropout's mask, the mul gate), accumulation
 * (the add gate, fan-out gradients), and a channel concat's copy of one input into its columns and back (split by
 * rows).
 */
import type { Backend } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function elementwiseOps(c: WasmContext): Partial<Backend> {
  const { stage } = c;
  return {
    multiply(a, b, out, n) {
      if (!f32(a) || !f32(b) || !f32(out)) return cpuBackend.multiply(a, b, out, n);
      stage.begin();
      const pa = stage.input(a, n), pb = stage.input(b, n), po = stage.output(out, n, false);
      c.runShares('multiply', c.elementShares(n, n), pa, pb, po);
      stage.end();
    },
    addInto(acc, x, n) {
      if (!f32(acc) || !f32(x)) return cpuBackend.addInto(acc, x, n);
      stage.begin();
      const px = stage.input(x, n), pacc = stage.output(acc, n, true);
      c.runShares('addInto', c.elementShares(n, n), pacc, px);
      stage.end();
    },
    copyColumns(x, out, rows, width, outCols, offset) {
      if (!f32(x) || !f32(out)) return cpuBackend.copyColumns(x, out, rows, width, outCols, offset);
      stage.begin();
      // `out` is read when staged: the other inputs' columns are already in it.
      const px = stage.input(x, rows * width), po = stage.output(out, rows * outCols, true);
      c.runShares('copyColumns', c.elementShares(rows, rows * width), px, po, width, outCols, offset);
      stage.end();
    },
    sliceColumns(x, out, rows, width, inCols, offset) {
      if (!f32(x) || !f32(out)) return cpuBackend.sliceColumns(x, out, rows, width, inCols, offset);
      stage.begin();
      const px = stage.input(x, rows * inCols), po = stage.output(out, rows * width, false);
      c.runShares('sliceColumns', c.elementShares(rows, rows * width), px, po, width, inCols, offset);
      stage.end();
    },
  };
}
