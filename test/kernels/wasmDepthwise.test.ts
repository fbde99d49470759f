/**
 * The WASM depthwise convolution (one filter per channel, MobileNet's) against the TypeScript grouped-convolution
 * kernels at 1e-4: channel counts with a SIMD tail, strides 1–3, padding, dilation, batch 1 and 7, a bias or none,
 * the filter gradient overwritten and accumulated, on every backend variant (wasmVariants.ts; with 2 threads the
 * filter gradient is summed from per-thread partials). A grouped convolution that is not depthwise still runs the
 * TypeScript kernel and so matches exactly.
 */
import { describe, expect, it } from 'vitest';
import type { GroupedConvGeometry } from '../../engine/kernels/backend';
import { cpuBackend as ref } from '../../engine/kernels/cpu';
import { Rng } from '../../engine/random/rng';
import { backendOf, expectClose, place, random, useVariants, variants } from './wasmVariants';

useVariants();

function geometry(batch: number, inH: number, inW: number, C: number, k: number, stride: number, pad: number, dilation: number, groups = C, outC = C): GroupedConvGeometry {
  const span = dilation * (k - 1) + 1;
  return {
    batch, inH, inW, inC: C, outC, groups, kernelH: k, kernelW: k, strideH: stride, strideW: stride, dilationH: dilation,
    dilationW: dilation, padTop: pad, padLeft: pad,
    outH: Math.floor((inH + 2 * pad - span) / stride) + 1, outW: Math.floor((inW + 2 * pad - span) / stride) + 1,
  };
}

describe.each(variants)('WASM depthwise convolution ($label)', (v) => {
  const b = () => backendOf(v);

  it('has a WASM version of the grouped convolution ops', () => {
    for (const op of ['groupedConv2dForward', 'groupedConv2dBackwardInput', 'groupedConv2dBackwardFilter'] as const) expect(b()[op], op).not.toBe(ref[op]);
  });

  describe.each<[string, GroupedConvGeometry, boolean]>([
    ['3×3 stride 1 pad 1, 3 channels, batch 7, bias', geometry(7, 9, 8, 3, 3, 1, 1, 1), true],
    ['3×3 stride 2 pad 1, 5 channels, batch 1', geometry(1, 11, 10, 5, 3, 2, 1, 1), false],
    ['3×3 stride 3, dilation 2, 16 channels, batch 7, bias', geometry(7, 13, 12, 16, 3, 3, 0, 2), true],
    ['5×5 stride 1 pad 2, 19 channels, batch 2', geometry(2, 7, 9, 19, 5, 1, 2, 1), true],
    ['big enough to thread: 3×3 pad 1 on 32×32×32, batch 9', geometry(9, 32, 32, 32, 3, 1, 1, 1), true],
    ['grouped, not depthwise (2 groups of 3 → 2 groups of 2): the TypeScript kernel', geometry(3, 6, 5, 6, 3, 1, 1, 1, 2, 4), true],
  ])('%s', (_label, g, hasBias) => {
    it('forward, input gradient and filter gradient (overwritten, then accumulated)', () => {
      const rng = new Rng(g.inC * 7 + g.inH + g.batch);
      const inSize = g.batch * g.inH * g.inW * g.inC, outSize = g.batch * g.outH * g.outW * g.outC;
      const wSize = g.kernelH * g.kernelW * (g.inC / g.groups) * g.outC;
      const x = random(inSize, rng), w = random(wSize, rng), dy = random(outSize, rng);
      const bias = hasBias ? random(g.outC, rng) : null;
      const yWant = new Float32Array(outSize), yGot = new Float32Array(outSize).fill(9);
      ref.groupedConv2dForward({ x, weight: w, bias, y: yWant }, g);
      b().groupedConv2dForward({ x: place(b(), x, true), weight: w, bias, y: yGot }, g);
      expectClose(yGot, yWant, 'y');

      const dxWant = new Float32Array(inSize), dxGot = new Float32Array(inSize).fill(9);
      ref.groupedConv2dBackwardInput({ dy, weight: w, dx: dxWant }, g);
      b().groupedConv2dBackwardInput({ dy: place(b(), dy, true), weight: place(b(), w, true), dx: dxGot }, g);
      expectClose(dxGot, dxWant, 'dx');

      const dwWant = new Float32Array(wSize), dwGot = new Float32Array(wSize).fill(9);
      const dbWant = hasBias ? new Float32Array(g.outC) : null, dbGot = hasBias ? new Float32Array(g.outC).fill(9) : null;
      ref.groupedConv2dBackwardFilter({ dy, x, dweight: dwWant, dbias: dbWant }, g, false);
      b().groupedConv2dBackwardFilter({ dy: place(b(), dy, true), x: place(b(), x, true), dweight: dwGot, dbias: dbGot }, g, false);
      expectClose(dwGot, dwWant, 'dw');
      if (dbGot && dbWant) expectClose(dbGot, dbWant, 'db');
      // Accumulated: a second pass adds the same gradient again.
      ref.groupedConv2dBackwardFilter({ dy, x, dweight: dwWant, dbias: dbWant }, g, true);
      b().groupedConv2dBackwardFilter({ dy, x, dweight: dwGot, dbias: dbGot }, g, true);
      expectClose(dwGot, dwWant, 'dw accumulated');
      if (dbGot && dbWant) expectClose(dbGot, dbWant, 'db accumulated');
    });
  });
});
