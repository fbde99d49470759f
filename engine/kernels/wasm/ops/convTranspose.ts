/**
 * Transposed convolution on the WASM kernels, as engine/kernels/cpu/convTranspose.ts builds it from the ordinary
 * convolution it is the adjoint of (same im2col/col2im geometry, "in" and "out" swapped):
 *   forward          col = x·Wᵀ (GEMM),  y = col2im(col) (+ bias)
 *   backward         col = im2col(dy),  dx = col·W,  dW (+)= colᵀ·x (GEMMs),  db (+)= Σ dy
 * The GEMMs split between threads as every product does (gemm.ts); col2im and im2col by samples.
 */
import type { Backend, TransposedConvGeometry } from '../../backend';
import { cpuBackend } from '../../cpu';
import { adjointConv } from '../../cpu/convTranspose';
import { f32, type WasmContext } from '../context';
import { gemm } from '../gemm';

export function convTransposeOps(c: WasmContext): Partial<Backend> {
  const { k, stage, geoAt } = c;
  const sizes = (g: TransposedConvGeometry) => ({
    rows: g.batch * g.inH * g.inW,
    patch: g.kernelH * g.kernelW * g.outC,
    outRows: g.batch * g.outH * g.outW,
  });
  return {
    conv2dTransposeForward(a, g) {
      const { x, weight: w, bias, y, col } = a;
      if (!f32(x) || !f32(w) || !f32(y) || !f32(col) || (bias && !f32(bias))) return cpuBackend.conv2dTransposeForward(a, g);
      const { rows, patch, outRows } = sizes(g);
      stage.begin();
      const px = stage.input(x, rows * g.inC), pw = stage.input(w, patch * g.inC), pb = bias ? stage.input(bias, g.outC) : 0;
      const pc = stage.output(col, rows * patch, false), py = stage.output(y, outRows * g.outC, false);
      gemm(c, px, g.inC, 1, pw, 1, g.inC, pc, rows, patch, g.inC, false);
      c.writeConvGeometry(adjointConv(g));
      c.runShares('col2imRange', c.sampleShares(g.batch, 2 * rows * patch), pc, py, geoAt);
      if (pb) k.addBias(py, pb, 0, outRows, g.outC);
      stage.end();
    },
    conv2dTransposeBackward(a, g, accumulate) {
      const { dy, x, weight: w, dx, dweight: dw, dbias: db, col } = a;
      if (!f32(dy) || !f32(x) || !f32(w) || !f32(dw) || !f32(col) || (dx && !f32(dx)) || (db && !f32(db))) {
        return cpuBackend.conv2dTransposeBackward(a, g, accumulate);
      }
      const { rows, patch, outRows } = sizes(g);
      stage.begin();
      const pdy = stage.input(dy, outRows * g.outC), px = stage.input(x, rows * g.inC), pw = stage.input(w, patch * g.inC);
      const pc = stage.output(col, rows * patch, false);
      const pdx = dx ? stage.output(dx, rows * g.inC, false) : 0;
      const pdw = stage.output(dw, patch * g.inC, accumulate), pdb = db ? stage.output(db, g.outC, accumulate) : 0;
      c.writeConvGeometry(adjointConv(g));
      c.runShares('im2colRange', c.sampleShares(g.batch, 2 * rows * patch), pdy, pc, geoAt);
      if (pdx) gemm(c, pc, patch, 1, pw, g.inC, 1, pdx, rows, g.inC, patch, false);
      gemm(c, pc, 1, patch, px, g.inC, 1, pdw, patch, g.inC, rows, accumulate);
      if (pdb) k.sumRows(pdy, pdb, outRows, g.outC, 0, g.outC, accumulate ? 1 : 0);
      stage.end();
    },
  };
}
