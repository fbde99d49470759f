/**
 * The ops that were the last of a train step on the TypeScript kernels, now WASM kernels: softmax, layer norm,
 * GELU/SiLU/ReLU6, maxout, global max pooling, the concat copies, upsampling, transposed convolution, the product
 * (dropout), binary cross-entropy and squared error. Each against the TypeScript kernel at 1e-4 relative on odd
 * sizes (SIMD tails of 1–3, ranges split unevenly between threads), batch 1 and 7, and sizes big enough to thread
 * by default, on every backend variant (wasmVariants.ts, "every op threaded" included). Inputs are placed in the
 * wasm heap, outputs are ordinary arrays (staged), so both paths run.
 */
import { describe, expect, it } from 'vitest';
import type { Backend, TransposedConvGeometry, UpsampleGeometry, UpsampleMode } from '../../engine/kernels/backend';
import { cpuBackend as ref } from '../../engine/kernels/cpu';
import { Rng } from '../../engine/random/rng';
import { backendOf, expectClose, place, random, useVariants, variants } from './wasmVariants';

useVariants();

const MOVED = [
  'softmaxForward', 'softmaxBackward', 'layerNormForward', 'layerNormBackward', 'geluForward', 'geluBackward',
  'siluForward', 'siluBackward', 'relu6Forward', 'relu6Backward', 'maxoutForward', 'maxoutBackward',
  'globalMaxPoolForward', 'globalMaxPoolBackward', 'copyColumns', 'sliceColumns', 'upsampleForward', 'upsampleBackward',
  'conv2dTransposeForward', 'conv2dTransposeBackward', 'multiply', 'sigmoidBinaryCrossEntropy', 'squaredError',
] as const satisfies readonly (keyof Backend)[];

/** Normal values times `scale`: a spread that reaches both tails of GELU and SiLU and both kinks of ReLU6. */
function spread(n: number, rng: Rng, scale: number): Float32Array {
  return Float32Array.from(random(n, rng), (v) => v * scale);
}

describe.each(variants)('WASM versions of the moved ops ($label)', (v) => {
  const b = () => backendOf(v);

  it('has a WASM version of every moved op (not the TypeScript kernel spread into the backend)', () => {
    for (const op of MOVED) expect(b()[op], op).not.toBe(ref[op]);
  });

  describe.each([[1, 1], [1, 10], [7, 3], [7 * 9, 17], [14000, 19]])('softmax and layer norm, %i rows × %i columns', (rows, cols) => {
    it('softmax forward and backward', () => {
      const rng = new Rng(rows + cols * 101);
      const x = spread(rows * cols, rng, 3), dy = random(rows * cols, rng);
      const yWant = new Float32Array(rows * cols), yGot = new Float32Array(rows * cols);
      ref.softmaxForward(x, yWant, rows, cols);
      b().softmaxForward(place(b(), x, true), yGot, rows, cols);
      expectClose(yGot, yWant, 'softmax y');
      const dxWant = new Float32Array(rows * cols), dxGot = new Float32Array(rows * cols);
      ref.softmaxBackward(yWant, dy, dxWant, rows, cols);
      b().softmaxBackward(place(b(), yWant, true), dy, dxGot, rows, cols);
      expectClose(dxGot, dxWant, 'softmax dx');
    });

    it('layer norm forward and backward', () => {
      const rng = new Rng(rows * 3 + cols);
      const x = Float32Array.from(random(rows * cols, rng), (r, i) => r * (1 + (i % 5)) + (i % 7) - 3);
      const gamma = random(cols, rng), beta = random(cols, rng), dy = random(rows * cols, rng);
      const out = () => ({ y: new Float32Array(rows * cols), xhat: new Float32Array(rows * cols), invStd: new Float32Array(rows) });
      const want = out(), got = out();
      ref.layerNormForward({ x, gamma, beta, ...want }, rows, cols, 1e-5);
      b().layerNormForward({ x: place(b(), x, true), gamma, beta, ...got }, rows, cols, 1e-5);
      for (const key of ['y', 'xhat', 'invStd'] as const) expectClose(got[key], want[key], `layer norm ${key}`);
      const grads = () => ({ dx: new Float32Array(rows * cols).fill(7), dgamma: new Float32Array(cols).fill(7), dbeta: new Float32Array(cols).fill(7) });
      const gWant = grads(), gGot = grads();
      ref.layerNormBackward({ dy, xhat: want.xhat, gamma, invStd: want.invStd, ...gWant }, rows, cols);
      b().layerNormBackward({ dy: place(b(), dy, true), xhat: want.xhat, gamma, invStd: want.invStd, ...gGot }, rows, cols);
      for (const key of ['dx', 'dgamma', 'dbeta'] as const) expectClose(gGot[key], gWant[key], `layer norm backward ${key}`);
    });
  });

  describe.each([1, 7, 1003, 300_001])('GELU, SiLU, ReLU6 and the product on %i elements', (n) => {
    const kinds = [
      ['gelu', 'geluForward', 'geluBackward'],
      ['silu', 'siluForward', 'siluBackward'],
      ['relu6', 'relu6Forward', 'relu6Backward'],
    ] as const;
    it.each(kinds)('%s forward and backward', (_kind, forward, backward) => {
      const rng = new Rng(n * 13);
      // ×5 reaches past 6 (ReLU6's upper kink) and deep into GELU's tails (Φ(−10) ≈ 7.6e-24).
      const x = spread(n, rng, 5), dy = random(n, rng);
      const yWant = new Float32Array(n), yGot = new Float32Array(n);
      ref[forward](x, yWant, n);
      b()[forward](place(b(), x, true), yGot, n);
      expectClose(yGot, yWant, `${forward}`);
      const dxWant = new Float32Array(n), dxGot = new Float32Array(n);
      ref[backward](x, dy, dxWant, n);
      b()[backward](place(b(), x, true), dy, dxGot, n);
      expectClose(dxGot, dxWant, `${backward}`);
    });

    it('multiply (the dropout mask, the mul gate)', () => {
      const rng = new Rng(n * 17);
      const a = random(n, rng), m = Float32Array.from(random(n, rng), (r) => (r > 0 ? 1.25 : 0));
      const want = new Float32Array(n), got = new Float32Array(n);
      ref.multiply(a, m, want, n);
      b().multiply(place(b(), a, true), m, got, n);
      expectClose(got, want, 'multiply');
    });
  });

  describe.each([[1, 3, 2], [7, 5, 3], [7, 301, 128]])('maxout, %i rows × %i units × %i pieces', (rows, units, pieces) => {
    it('forward (values and winners) and backward', () => {
      const rng = new Rng(rows * units + pieces);
      const z = random(rows * units * pieces, rng), dy = random(rows * units, rng);
      const yWant = new Float32Array(rows * units), yGot = new Float32Array(rows * units);
      const aWant = new Int32Array(rows * units), aGot = new Int32Array(rows * units);
      ref.maxoutForward(z, yWant, aWant, rows, units, pieces);
      b().maxoutForward(place(b(), z, true), yGot, aGot, rows, units, pieces);
      expectClose(yGot, yWant, 'maxout y');
      expect(Array.from(aGot)).toEqual(Array.from(aWant));
      const dzWant = new Float32Array(rows * units * pieces).fill(7), dzGot = dzWant.slice();
      ref.maxoutBackward(dy, aWant, dzWant, rows, units, pieces);
      b().maxoutBackward(place(b(), dy, true), aWant, dzGot, rows, units, pieces);
      expectClose(dzGot, dzWant, 'maxout dz');
    });
  });

  describe.each([[1, 1, 3], [7, 9 * 11, 17], [7, 32 * 32, 64]])('global max pooling, batch %i, %i pixels × %i channels', (batch, pixels, channels) => {
    it('forward (values and winners) and backward', () => {
      const rng = new Rng(batch * pixels + channels);
      const x = random(batch * pixels * channels, rng), dy = random(batch * channels, rng);
      const yWant = new Float32Array(batch * channels), yGot = new Float32Array(batch * channels);
      const aWant = new Int32Array(batch * channels), aGot = new Int32Array(batch * channels);
      ref.globalMaxPoolForward(x, yWant, aWant, batch, pixels, channels);
      b().globalMaxPoolForward(place(b(), x, true), yGot, aGot, batch, pixels, channels);
      expectClose(yGot, yWant, 'global max y');
      expect(Array.from(aGot)).toEqual(Array.from(aWant));
      const dxWant = new Float32Array(batch * pixels * channels).fill(7), dxGot = dxWant.slice();
      ref.globalMaxPoolBackward(dy, aWant, dxWant, batch, pixels, channels);
      b().globalMaxPoolBackward(place(b(), dy, true), aWant, dxGot, batch, pixels, channels);
      expectClose(dxGot, dxWant, 'global max dx');
    });
  });

  describe.each([[1, 3, 13, 0], [7 * 5 * 3, 5, 13, 3], [7 * 5 * 3, 5, 13, 8], [7 * 32 * 32, 64, 96, 32]])(
    'concat copies, %i rows, width %i of %i columns at offset %i',
    (rows, width, cols, offset) => {
      it('copyColumns keeps the other columns and sliceColumns reads them back', () => {
        const rng = new Rng(rows + width * 7 + offset);
        const x = random(rows * width, rng);
        const outWant = random(rows * cols, rng), outGot = outWant.slice();
        ref.copyColumns(x, outWant, rows, width, cols, offset);
        b().copyColumns(place(b(), x, true), outGot, rows, width, cols, offset);
        expectClose(outGot, outWant, 'copyColumns');
        const sWant = new Float32Array(rows * width), sGot = new Float32Array(rows * width);
        ref.sliceColumns(outWant, sWant, rows, width, cols, offset);
        b().sliceColumns(place(b(), outWant, true), sGot, rows, width, cols, offset);
        expectClose(sGot, sWant, 'sliceColumns');
      });
    },
  );

  describe.each([
    [1, 5, 3, 1, 2, 3],
    [7, 5, 3, 6, 3, 2],
    [7, 16, 16, 32, 2, 2],
  ])('upsampling, batch %i, %i×%i×%i by %i×%i', (batch, inH, inW, channels, scaleH, scaleW) => {
    it.each(['nearest', 'bilinear'] as UpsampleMode[])('%s forward and backward', (mode) => {
      const g: UpsampleGeometry = { batch, inH, inW, channels, scaleH, scaleW };
      const inN = batch * inH * inW * channels, outN = inN * scaleH * scaleW;
      const rng = new Rng(inN + scaleH);
      const x = random(inN, rng), dy = random(outN, rng);
      const yWant = new Float32Array(outN), yGot = new Float32Array(outN);
      ref.upsampleForward(mode, x, yWant, g);
      b().upsampleForward(mode, place(b(), x, true), yGot, g);
      expectClose(yGot, yWant, `${mode} y`);
      const dxWant = new Float32Array(inN).fill(7), dxGot = dxWant.slice();
      ref.upsampleBackward(mode, dy, dxWant, g);
      b().upsampleBackward(mode, place(b(), dy, true), dxGot, g);
      expectClose(dxGot, dxWant, `${mode} dx`);
    });
  });

  describe.each([
    // batch, inH, inW, inC, outC, kernel, stride, pad, outputPadding
    [1, 5, 4, 3, 5, 3, 2, 1, 1],
    [7, 5, 4, 3, 5, 3, 2, 1, 0],
    [7, 4, 3, 6, 3, 2, 2, 0, 0],
    [7, 3, 3, 5, 2, 3, 1, 1, 0],
    [7, 8, 8, 32, 16, 2, 2, 0, 0],
  ])('transposed convolution, batch %i, %i×%i×%i → %i filters, kernel %i stride %i pad %i (output padding %i)', (
    batch, inH, inW, inC, outC, kernel, stride, pad, outputPadding,
  ) => {
    const outH = (inH - 1) * stride - 2 * pad + kernel + outputPadding;
    const outW = (inW - 1) * stride - 2 * pad + kernel + outputPadding;
    const g: TransposedConvGeometry = {
      batch, inH, inW, inC, outH, outW, outC, kernelH: kernel, kernelW: kernel, strideH: stride, strideW: stride, padTop: pad, padLeft: pad,
    };
    const rows = batch * inH * inW, patch = kernel * kernel * outC, outN = batch * outH * outW * outC;
    it.each([[true, false], [false, true]])('forward and backward (bias %s, accumulate %s)', (withBias, accumulate) => {
      const rng = new Rng(rows + patch + (withBias ? 1 : 0));
      const x = random(rows * inC, rng), weight = random(patch * inC, rng), bias = withBias ? random(outC, rng) : null;
      const dy = random(outN, rng);
      const yWant = new Float32Array(outN), yGot = new Float32Array(outN);
      ref.conv2dTransposeForward({ x, weight, bias, y: yWant, col: new Float32Array(rows * patch) }, g);
      b().conv2dTransposeForward({ x: place(b(), x, true), weight, bias, y: yGot, col: place(b(), new Float32Array(rows * patch), true) }, g);
      expectClose(yGot, yWant, 'transposed conv y');
      const grads = () => ({ dx: new Float32Array(rows * inC), dweight: random(patch * inC, new Rng(3)), dbias: withBias ? random(outC, new Rng(4)) : null });
      const gWant = grads(), gGot = grads();
      ref.conv2dTransposeBackward({ dy, x, weight, ...gWant, col: new Float32Array(rows * patch) }, g, accumulate);
      b().conv2dTransposeBackward({ dy: place(b(), dy, true), x, weight, ...gGot, col: place(b(), new Float32Array(rows * patch), true) }, g, accumulate);
      expectClose(gGot.dx, gWant.dx, 'transposed conv dx');
      expectClose(gGot.dweight, gWant.dweight, 'transposed conv dweight');
      if (withBias) expectClose(gGot.dbias!, gWant.dbias!, 'transposed conv dbias');
    });
  });

  describe.each([1, 7 * 13, 7 * 28 * 28])('losses on %i elements', (n) => {
    it('binary cross-entropy from logits (sum, hits, gradient) and squared error', () => {
      const rng = new Rng(n + 5);
      const z = spread(n, rng, 4), t = Float32Array.from(random(n, rng), (r) => (r > 0.3 ? 1 : r < -0.8 ? 0 : 0.25));
      const dWant = new Float32Array(n), dGot = new Float32Array(n);
      const want = ref.sigmoidBinaryCrossEntropy(z, t, dWant, n, 1 / n);
      const got = b().sigmoidBinaryCrossEntropy(place(b(), z, true), t, dGot, n, 1 / n);
      expect(got.correct).toBe(want.correct);
      expect(Math.abs(got.lossSum - want.lossSum)).toBeLessThanOrEqual(1e-4 * Math.abs(want.lossSum));
      expectClose(dGot, dWant, 'bce dlogits');
      const y = random(n, rng);
      const eWant = new Float32Array(n), eGot = new Float32Array(n);
      const sWant = ref.squaredError(y, t, eWant, n, 1 / n);
      const sGot = b().squaredError(place(b(), y, true), t, eGot, n, 1 / n);
      expect(Math.abs(sGot - sWant)).toBeLessThanOrEqual(1e-4 * sWant);
      expectClose(eGot, eWant, 'squared error dy');
      expect(b().squaredError(y, t, null, n, 1 / n)).toBeCloseTo(sWant, 3);
    });
  });
});
