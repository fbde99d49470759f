/**
 * Grouped convolution with one filter per channel (MobileNet's depthwise) on the WASM direct kernels; other
 * groupings run the TypeScript ones.
 */
import type { Backend, GroupedConvGeometry } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

/** Depthwise with one filter per channel: the WASM direct kernel; other groupings run the TypeScript one. */
const isDepthwise = (g: GroupedConvGeometry) => g.groups === g.inC && g.outC === g.inC;

export function depthwiseOps(c: WasmContext): Partial<Backend> {
  const { k, stage, geoAt } = c;
  return {
    groupedConv2dForward(args, g) {
      const { x, weight: w, bias, y } = args;
      if (!isDepthwise(g) || !f32(x) || !f32(w) || !f32(y) || (bias && !f32(bias))) return cpuBackend.groupedConv2dForward(args, g);
      const C = g.inC, inSize = g.inH * g.inW * C, outSize = g.outH * g.outW * C, taps = g.kernelH * g.kernelW;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), pw = stage.input(w, taps * C), pb = bias ? stage.input(bias, C) : 0;
      const py = stage.output(y, g.batch * outSize, false);
      c.writeConvGeometry(g);
      c.runShares('depthwiseForward', c.sampleShares(g.batch, 2 * g.batch * outSize * taps), px, pw, pb, py, geoAt);
      stage.end();
    },
    groupedConv2dBackwardInput(args, g) {
      const { dy, weight: w, dx } = args;
      if (!isDepthwise(g) || !f32(dy) || !f32(w) || !f32(dx)) return cpuBackend.groupedConv2dBackwardInput(args, g);
      const C = g.inC, inSize = g.inH * g.inW * C, outSize = g.outH * g.outW * C, taps = g.kernelH * g.kernelW;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pw = stage.input(w, taps * C), pdx = stage.output(dx, g.batch * inSize, false);
      c.writeConvGeometry(g);
      c.runShares('depthwiseBackwardInput', c.sampleShares(g.batch, 2 * g.batch * outSize * taps), pdy, pw, pdx, geoAt);
      stage.end();
    },
    groupedConv2dBackwardFilter(args, g, accumulate) {
      const { dy, x, dweight: dw, dbias: db } = args;
      if (!isDepthwise(g) || !f32(dy) || !f32(x) || !f32(dw) || (db && !f32(db))) return cpuBackend.groupedConv2dBackwardFilter(args, g, accumulate);
      const C = g.inC, inSize = g.inH * g.inW * C, outSize = g.outH * g.outW * C, taps = g.kernelH * g.kernelW;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), px = stage.input(x, g.batch * inSize);
      const pdw = stage.output(dw, taps * C, accumulate), pdb = db ? stage.output(db, C, accumulate) : 0;
      c.writeConvGeometry(g);
      // By samples, each thread into its own partial (the first straight into dw/db), added up after in a fixed order.
      const shares = c.sampleShares(g.batch, 2 * g.batch * outSize * taps);
      c.put(0, pdy, px, pdw, pdb, geoAt, c.lo[0], c.hi[0], accumulate ? 1 : 0);
      for (let t = 1; t < shares; t++) {
        const at = c.partialAt(t, taps * C + C);
        c.put(t, pdy, px, at, pdb ? at + taps * C * 4 : 0, geoAt, c.lo[t], c.hi[t], 0);
      }
      c.dispatch('depthwiseBackwardFilter', shares);
      for (let t = 1; t < shares; t++) {
        k.addInto(pdw, c.partialAt(t, taps * C + C), 0, taps * C);
        if (pdb) k.addInto(pdb, c.partialAt(t, taps * C + C) + taps * C * 4, 0, C);
      }
      stage.end();
    },
  };
}
