/**
 * The WASM kernels that took batchnorm, average pooling and the smooth activations off the TypeScript kernels,
 * against those TypeScript kernels at 1e-4 relative: odd channel counts (a SIMD tail of 1–3 channels and a
 * channel split between threads that is not a multiple of 8), batch 1 and 7, padded and strided windows, sizes big
 * enough to thread by default, on every backend variant (wasmVariants.ts). Inputs inside the wasm heap and ordinary
 * arrays (staged) both occur: x is placed in the heap, the outputs are plain arrays.
 */
import { describe, expect, it } from 'vitest';
import type { ActivationKind, PoolGeometry } from '../../engine/kernels/backend';
import { cpuBackend as ref } from '../../engine/kernels/cpu';
import { Rng } from '../../engine/random/rng';
import { backendOf, expectClose, place, random, useVariants, variants } from './wasmVariants';

useVariants();

/** Per-channel values with a spread of offsets and scales, so batch statistics are not all ~0 and ~1. */
function channelData(rows: number, C: number, rng: Rng): Float32Array {
  const x = random(rows * C, rng);
  for (let i = 0; i < x.length; i++) x[i] = x[i] * (1 + (i % C) * 0.37) + ((i % C) - C / 2) * 0.8;
  return x;
}

describe.each(variants)('WASM batchnorm, pooling, activations ($label)', (v) => {
  const b = () => backendOf(v);

  it('has WASM versions of these ops (not the TypeScript kernels spread into the backend)', () => {
    const ops = [
      'batchNormTrainForward', 'batchNormEvalForward', 'batchNormBackward', 'batchNormEvalBackward', 'avgPoolForward',
      'avgPoolBackward', 'globalAvgPoolForward', 'globalAvgPoolBackward', 'activationForward', 'activationBackward',
    ] as const;
    for (const op of ops) expect(b()[op], op).not.toBe(ref[op]);
  });

  describe.each([
    [1, 3],
    [7, 5],
    [13, 16],
    [9 * 11, 19],
    [32 * 32 * 3, 32],
  ])('batchnorm on %i rows × %i channels', (rows, C) => {
    it('train forward (y, xhat, 1/σ, running statistics) and backward', () => {
      const rng = new Rng(rows * 31 + C);
      const x = channelData(rows, C, rng);
      const gamma = random(C, rng), beta = random(C, rng), dy = random(rows * C, rng);
      const runMean0 = random(C, rng), runVar0 = Float32Array.from(random(C, rng), (r) => 1 + Math.abs(r));
      const out = () => ({
        y: new Float32Array(rows * C), xhat: new Float32Array(rows * C), invStd: new Float32Array(C),
        runningMean: runMean0.slice(), runningVar: runVar0.slice(),
      });
      const want = out(), got = out();
      const common = { gamma, beta, rows, channels: C, epsilon: 1e-3, momentum: 0.9 };
      ref.batchNormTrainForward({ ...common, x, ...want });
      b().batchNormTrainForward({ ...common, x: place(b(), x, true), ...got });
      for (const key of ['y', 'xhat', 'invStd', 'runningMean', 'runningVar'] as const) expectClose(got[key], want[key], key);

      const grads = () => ({ dx: new Float32Array(rows * C).fill(7), dgamma: new Float32Array(C).fill(7), dbeta: new Float32Array(C).fill(7) });
      const gWant = grads(), gGot = grads();
      ref.batchNormBackward({ dy, xhat: want.xhat, gamma, invStd: want.invStd, rows, channels: C, ...gWant });
      b().batchNormBackward({ dy: place(b(), dy, true), xhat: want.xhat, gamma, invStd: want.invStd, rows, channels: C, ...gGot });
      for (const key of ['dx', 'dgamma', 'dbeta'] as const) expectClose(gGot[key], gWant[key], `backward ${key}`);
    });

    it('eval forward and backward (running statistics)', () => {
      const rng = new Rng(rows * 7 + C);
      const x = channelData(rows, C, rng);
      const gamma = random(C, rng), beta = random(C, rng), dy = random(rows * C, rng);
      const runningMean = random(C, rng), runningVar = Float32Array.from(random(C, rng), (r) => 0.5 + Math.abs(r));
      const yWant = new Float32Array(rows * C), yGot = new Float32Array(rows * C);
      const common = { gamma, beta, runningMean, runningVar, rows, channels: C, epsilon: 1e-5 };
      ref.batchNormEvalForward({ ...common, x, y: yWant });
      b().batchNormEvalForward({ ...common, x: place(b(), x, true), y: yGot });
      expectClose(yGot, yWant, 'eval y');
      const grads = () => ({ dx: new Float32Array(rows * C), dgamma: new Float32Array(C), dbeta: new Float32Array(C) });
      const gWant = grads(), gGot = grads();
      ref.batchNormEvalBackward({ dy, x, gamma, runningMean, runningVar, rows, channels: C, epsilon: 1e-5, ...gWant });
      b().batchNormEvalBackward({ dy, x: place(b(), x, true), gamma, runningMean, runningVar, rows, channels: C, epsilon: 1e-5, ...gGot });
      for (const key of ['dx', 'dgamma', 'dbeta'] as const) expectClose(gGot[key], gWant[key], `eval backward ${key}`);
    });
  });

  describe.each<[string, PoolGeometry]>([
    ['2×2 stride 2, batch 7, 6 channels', pool(7, 8, 10, 6, 2, 2, 2, 0)],
    ['3×3 stride 2 pad 1, 5 channels, batch 1', pool(1, 9, 7, 5, 3, 3, 2, 1)],
    ['3×3 stride 1 pad 1, 3 channels, batch 7', pool(7, 6, 9, 3, 3, 3, 1, 1)],
    ['2×2 stride 3 (gaps), 7 channels, batch 2', pool(2, 11, 10, 7, 2, 2, 3, 0)],
    ['big enough to thread (32×32×32, batch 9)', pool(9, 32, 32, 32, 2, 2, 2, 0)],
  ])('average pool %s', (_label, g) => {
    it('forward and backward', () => {
      const rng = new Rng(g.inH * 13 + g.channels);
      const inSize = g.batch * g.inH * g.inW * g.channels, outSize = g.batch * g.outH * g.outW * g.channels;
      const x = random(inSize, rng), dy = random(outSize, rng);
      const yWant = new Float32Array(outSize), yGot = new Float32Array(outSize).fill(5);
      ref.avgPoolForward(x, yWant, g);
      b().avgPoolForward(place(b(), x, true), yGot, g);
      expectClose(yGot, yWant, 'y');
      const dxWant = new Float32Array(inSize), dxGot = new Float32Array(inSize).fill(5);
      ref.avgPoolBackward(dy, dxWant, g);
      b().avgPoolBackward(place(b(), dy, true), dxGot, g);
      expectClose(dxGot, dxWant, 'dx');
    });
  });

  it.each([
    [1, 1, 3],
    [7, 25, 5],
    [7, 49, 16],
    [32, 256, 32],
  ])('global average pool, batch %i, %i pixels, %i channels', (batch, pixels, C) => {
    const rng = new Rng(batch * pixels + C);
    const x = random(batch * pixels * C, rng), dy = random(batch * C, rng);
    const yWant = new Float32Array(batch * C), yGot = new Float32Array(batch * C).fill(5);
    ref.globalAvgPoolForward(x, yWant, batch, pixels, C);
    b().globalAvgPoolForward(place(b(), x, true), yGot, batch, pixels, C);
    expectClose(yGot, yWant, 'y');
    const dxWant = new Float32Array(x.length), dxGot = new Float32Array(x.length).fill(5);
    ref.globalAvgPoolBackward(dy, dxWant, batch, pixels, C);
    b().globalAvgPoolBackward(dy, dxGot, batch, pixels, C);
    expectClose(dxGot, dxWant, 'dx');
  });

  describe.each<[ActivationKind, number]>([
    ['sigmoid', 0],
    ['tanh', 0],
    ['elu', 1],
    ['elu', 0.3],
    ['leakyrelu', 0.01],
    ['leakyrelu', 0.2],
  ])('%s (α %s)', (kind, alpha) => {
    it.each([1, 7, 4099, 300_001])('forward and backward on %i values', (n) => {
      const rng = new Rng(n + kind.length);
      const x = Float32Array.from(random(n, rng), (v) => 3 * v);
      x[0] = 0;
      if (n > 4) {
        x[1] = -30;
        x[2] = 30;
      }
      const dy = random(n, rng);
      const yWant = new Float32Array(n), yGot = new Float32Array(n);
      ref.activationForward(kind, x, yWant, n, alpha);
      b().activationForward(kind, place(b(), x, true), yGot, n, alpha);
      expectClose(yGot, yWant, `${kind} y`);
      const dxWant = new Float32Array(n), dxGot = new Float32Array(n);
      ref.activationBackward({ kind, x, y: yWant, dy, dx: dxWant, n, alpha });
      b().activationBackward({ kind, x: place(b(), x, true), y: yWant, dy, dx: dxGot, n, alpha });
      expectClose(dxGot, dxWant, `${kind} dx`);
    });
  });

  it('the smooth activations keep NaN (a diverging run is still caught)', () => {
    for (const kind of ['sigmoid', 'tanh', 'elu', 'leakyrelu'] as const) {
      const y = new Float32Array(3);
      b().activationForward(kind, Float32Array.from([NaN, 1, -1]), y, 3, 0.5);
      expect(Number.isNaN(y[0]), kind).toBe(true);
    }
  });
});

function pool(batch: number, inH: number, inW: number, channels: number, kh: number, kw: number, stride: number, pad: number): PoolGeometry {
  return {
    batch, inH, inW, channels, kernelH: kh, kernelW: kw, strideH: stride, strideW: stride, padTop: pad, padLeft: pad,
    outH: Math.floor((inH + 2 * pad - kh) / stride) + 1,
    outW: Math.floor((inW + 2 * pad - kw) / stride) + 1,
  };
}
