/**
 * Every WASM SIMD kernel against the TypeScript reference kernels (engine/kernels/cpu) at 1e-4 relative: sizes off
 * every edge of the GEMM tile (5×8 in the relaxed build, 4×8 in the plain one) and past the 256-deep and 256-wide packing panels, conv strides 1–3, padding,
 * dilation, 1×1, batch 1 and 7; both builds (relaxed SIMD and plain SIMD) where the runtime runs both, 1 and 2
 * threads; arrays inside the wasm heap (read in place) and ordinary arrays (staged through scratch).
 */
import { describe, expect, it } from 'vitest';
import type { Backend, ConvGeometry, PoolGeometry } from '../../engine/kernels/backend';
import { cpuBackend as ref } from '../../engine/kernels/cpu';
import { Rng } from '../../engine/random/rng';
import { withTensorMemory } from '../../engine/tensor/types';
import { expectClose, expectSame, place, random, useVariants, variants } from './wasmVariants';

useVariants();

describe.each(variants)('WASM kernels ($label)', (v) => {
  const b = () => {
    if (!v.selected) throw new Error('backend not created');
    return v.selected.backend;
  };

  it('runs the WASM path this runtime supports', () => {
    expect(v.selected!.name).toMatch(/^wasm-/);
    if (v.plainSimd) expect(v.selected!.name).toBe('wasm-simd');
    expect(v.selected!.threads).toBe(v.threads);
    expect(v.selected!.description).toContain(`${v.threads} thread`);
  });

  // m, k, n: 1 and tile edges (MR = 5 or 4 rows: m mod 5 and m mod 4 take every value; NR = 8 columns), k past
  // KC = 256, n past NC = 256, and big enough to thread.
  describe.each([
    [1, 1, 1], [2, 3, 9], [3, 5, 7], [4, 8, 8], [5, 9, 17], [6, 13, 16], [13, 300, 7], [9, 20, 270], [64, 784, 128],
    [70, 257, 19], [130, 37, 66], [12, 260, 24], [11, 6, 33],
  ])('GEMM m=%i k=%i n=%i', (m, kk, n) => {
    for (const inHeap of [true, false]) {
      for (const accumulate of [false, true]) {
        it(`A·B, A·Bᵀ, Aᵀ·B (${inHeap ? 'heap' : 'staged'} arrays, accumulate ${accumulate})`, () => {
          const rng = new Rng(m * 7919 + kk * 31 + n);
          const a = random(m * kk, rng), bm = random(kk * n, rng), bt = random(n * kk, rng), at = random(kk * m, rng);
          const c0 = random(m * n, rng);
          const cases: [keyof Backend & ('matmul' | 'matmulTransB' | 'matmulTransA'), Float32Array, Float32Array][] = [
            ['matmul', a, bm], ['matmulTransB', a, bt], ['matmulTransA', at, bm],
          ];
          for (const [op, x, y] of cases) {
            const want = c0.slice();
            ref[op](x, y, want, m, kk, n, accumulate);
            const got = place(b(), c0, inHeap);
            b()[op](place(b(), x, inHeap), place(b(), y, inHeap), got, m, kk, n, accumulate);
            expectClose(got, want, op);
          }
        });
      }
    }
  });

  const convCases: [string, ConvGeometry][] = [
    ['3×3 pad 1, batch 7, 5 channels', geometry({ batch: 7, inH: 9, inW: 11, inC: 5, outC: 13, kernelH: 3, kernelW: 3, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1 })],
    ['5×5 no pad, batch 1', geometry({ batch: 1, inH: 12, inW: 10, inC: 3, outC: 6, kernelH: 5, kernelW: 5 })],
    ['3×2 stride 2×3, pad 2/1, batch 7', geometry({ batch: 7, inH: 13, inW: 14, inC: 4, outC: 9, kernelH: 3, kernelW: 2, strideH: 2, strideW: 3, padTop: 2, padLeft: 1, padBottom: 1, padRight: 0 })],
    ['3×3 dilation 2, stride 3, batch 7', geometry({ batch: 7, inH: 15, inW: 16, inC: 3, outC: 10, kernelH: 3, kernelW: 3, strideH: 3, strideW: 3, dilationH: 2, dilationW: 2, padTop: 1, padLeft: 2, padBottom: 1, padRight: 2 })],
    ['1×1 pointwise, batch 7', geometry({ batch: 7, inH: 6, inW: 5, inC: 11, outC: 17, kernelH: 1, kernelW: 1 })],
    ['1×1 stride 2', geometry({ batch: 7, inH: 7, inW: 7, inC: 6, outC: 5, kernelH: 1, kernelW: 1, strideH: 2, strideW: 2 })],
    ['W3 conv2 shape (3×3 pad 1, 32→32, batch 4)', geometry({ batch: 4, inH: 32, inW: 32, inC: 32, outC: 32, kernelH: 3, kernelW: 3, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1 })],
  ];
  describe.each(convCases)('conv2d %s', (_label, g) => {
    for (const inHeap of [true, false]) {
      it(`forward, input and filter gradients (${inHeap ? 'heap' : 'staged'} arrays)`, () => {
        const rng = new Rng(g.inH * 131 + g.outC);
        const inSize = g.batch * g.inH * g.inW * g.inC;
        const rows = g.batch * g.outH * g.outW;
        const patch = g.kernelH * g.kernelW * g.inC;
        const x = random(inSize, rng), w = random(patch * g.outC, rng), bias = random(g.outC, rng), dy = random(rows * g.outC, rng);

        const yRef = new Float32Array(rows * g.outC), colRef = new Float32Array(rows * patch);
        ref.conv2dForward({ x, weight: w, bias, y: yRef, col: colRef }, g);
        const xs = place(b(), x, inHeap), ws = place(b(), w, inHeap);
        const y = place(b(), new Float32Array(rows * g.outC), inHeap), col = place(b(), new Float32Array(rows * patch), inHeap);
        b().conv2dForward({ x: xs, weight: ws, bias: place(b(), bias, inHeap), y, col }, g);
        expectClose(y, yRef, 'y');

        const dxRef = new Float32Array(inSize), dcolRef = new Float32Array(rows * patch);
        ref.conv2dBackwardInput({ dy, weight: w, dx: dxRef, dcol: dcolRef }, g);
        const dx = place(b(), new Float32Array(inSize).fill(7), inHeap);
        b().conv2dBackwardInput({ dy: place(b(), dy, inHeap), weight: ws, dx, dcol: place(b(), new Float32Array(rows * patch), inHeap) }, g);
        expectClose(dx, dxRef, 'dx');

        for (const accumulate of [false, true]) {
          const start = random(patch * g.outC, rng), startB = random(g.outC, rng);
          const dwRef = start.slice(), dbRef = startB.slice();
          ref.conv2dBackwardFilter({ dy, x, col: colRef, dweight: dwRef, dbias: dbRef }, g, accumulate);
          const dw = place(b(), start, inHeap), db = place(b(), startB, inHeap);
          b().conv2dBackwardFilter({ dy: place(b(), dy, inHeap), x: xs, col, dweight: dw, dbias: db }, g, accumulate);
          expectClose(dw, dwRef, `dw (accumulate ${accumulate})`);
          expectClose(db, dbRef, `db (accumulate ${accumulate})`);
        }

        // The chunked layer path: im2col again, then the filter gradient from it.
        const col2 = place(b(), new Float32Array(rows * patch), inHeap);
        b().im2col(xs, col2, g);
        if (!(g.kernelH === 1 && g.kernelW === 1 && g.strideH === 1)) expectClose(col2, colRef, 'im2col');
        const dw2 = place(b(), new Float32Array(patch * g.outC), inHeap);
        b().conv2dBackwardFilter({ dy: place(b(), dy, inHeap), x: xs, col: col2, dweight: dw2, dbias: null }, g, false);
        const dw2Ref = new Float32Array(patch * g.outC);
        ref.conv2dBackwardFilter({ dy, x, col: colRef, dweight: dw2Ref, dbias: null }, g, false);
        expectClose(dw2, dw2Ref, 'dw after im2col');
      });
    }
  });

  const poolCases: [string, PoolGeometry][] = [
    ['2×2 stride 2, batch 7', pool({ batch: 7, inH: 8, inW: 10, channels: 6, kernelH: 2, kernelW: 2, strideH: 2, strideW: 2 })],
    ['3×3 stride 2 pad 1, odd channels, batch 1', pool({ batch: 1, inH: 9, inW: 7, channels: 5, kernelH: 3, kernelW: 3, strideH: 2, strideW: 2, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1 })],
    ['2×3 stride 1×3, 16 channels, batch 7', pool({ batch: 7, inH: 6, inW: 9, channels: 16, kernelH: 2, kernelW: 3, strideH: 1, strideW: 3 })],
    ['big enough to thread (32×32×32, batch 9)', pool({ batch: 9, inH: 32, inW: 32, channels: 32, kernelH: 2, kernelW: 2, strideH: 2, strideW: 2 })],
  ];
  describe.each(poolCases)('max pool %s', (_label, g) => {
    it('forward (values and winners) and backward', () => {
      const rng = new Rng(g.inH * 17 + g.channels);
      const inSize = g.batch * g.inH * g.inW * g.channels, outSize = g.batch * g.outH * g.outW * g.channels;
      const x = random(inSize, rng);
      for (let i = 0; i < inSize; i += 5) x[i] = x[i + 1] ?? 0; // ties: the first in the window wins
      const yRef = new Float32Array(outSize), aRef = new Int32Array(outSize);
      ref.maxPoolForward(x, yRef, aRef, g);
      const y = place(b(), new Float32Array(outSize), true);
      const argmax = withTensorMemory(b().memory, () => b().memory!.int32(outSize));
      b().maxPoolForward(place(b(), x, true), y, argmax, g);
      expectSame(y, yRef, 'y');
      expectSame(argmax, aRef, 'argmax');
      const dy = random(outSize, rng);
      const dxRef = new Float32Array(inSize);
      ref.maxPoolBackward(dy, aRef, dxRef, g);
      const dx = new Float32Array(inSize).fill(3);
      b().maxPoolBackward(dy, argmax, dx, g);
      expectClose(dx, dxRef, 'dx');
    });
  });

  it.each([1, 7, 4099, 300_001])('relu forward/backward, add, multiply on %i values', (n) => {
    const rng = new Rng(n);
    const x = random(n, rng), dy = random(n, rng);
    x[0] = 0;
    const y = new Float32Array(n), yRef = new Float32Array(n);
    ref.activationForward('relu', x, yRef, n, 0);
    b().activationForward('relu', place(b(), x, true), y, n, 0);
    expectSame(y, yRef, 'relu');
    const dx = new Float32Array(n), dxRef = new Float32Array(n);
    ref.activationBackward({ kind: 'relu', x, y: yRef, dy, dx: dxRef, n, alpha: 0 });
    b().activationBackward({ kind: 'relu', x, y, dy: place(b(), dy, true), dx, n, alpha: 0 });
    expectSame(dx, dxRef, 'relu backward');
    const acc = place(b(), x, true), accRef = x.slice();
    ref.addInto(accRef, dy, n);
    b().addInto(acc, dy, n);
    expectSame(acc, accRef, 'addInto');
    const prod = new Float32Array(n), prodRef = new Float32Array(n);
    ref.multiply(x, dy, prodRef, n);
    b().multiply(x, dy, prod, n);
    expectSame(prod, prodRef, 'multiply');
  });

  it('relu keeps NaN (a diverging run is still caught)', () => {
    const y = new Float32Array(5);
    b().activationForward('relu', Float32Array.from([NaN, -1, 0, 2, NaN]), y, 5, 0);
    expect(Array.from(y)).toEqual([NaN, 0, 0, 2, NaN]);
  });

  it.each([[1, 10], [7, 3], [64, 10], [33, 1000]])('bias, sumRows and softmax cross-entropy on %i×%i', (rows, cols) => {
    const rng = new Rng(rows * cols);
    const x = random(rows * cols, rng), bias = random(cols, rng);
    const yRef = x.slice(), y = place(b(), x, true);
    ref.addBias(yRef, bias, rows, cols);
    b().addBias(y, bias, rows, cols);
    expectClose(y, yRef, 'addBias');
    const s = new Float32Array(cols), sRef = new Float32Array(cols);
    ref.sumRows(x, sRef, rows, cols);
    b().sumRows(x, s, rows, cols);
    expectClose(s, sRef, 'sumRows');
    const targets = Int32Array.from({ length: rows }, (_, i) => (i * 7) % cols);
    const dRef = new Float32Array(rows * cols), d = place(b(), new Float32Array(rows * cols), true);
    const lRef = ref.softmaxCrossEntropy(x, targets, dRef, rows, cols, 1 / rows);
    const l = b().softmaxCrossEntropy(place(b(), x, true), targets, d, rows, cols, 1 / rows);
    expect(l.correct).toBe(lRef.correct);
    expect(Math.abs(l.lossSum - lRef.lossSum)).toBeLessThanOrEqual(1e-4 * Math.abs(lRef.lossSum));
    expectClose(d, dRef, 'dlogits');
    const l2 = b().softmaxCrossEntropy(x, targets, null, rows, cols, 1);
    expect(l2.correct).toBe(lRef.correct);
  });

  it('sums gradient squares in float64, as the TypeScript norm does (no float32 overflow), and scales', () => {
    const g = place(b(), Float32Array.from({ length: 11 }, (_, i) => (i % 2 ? -3e20 : 1e-3 * i)), true);
    const want = Array.from(g).reduce((s, v) => s + v * v, 0);
    const got = b().optimizer!.sumSquares(g, g.length);
    expect(Number.isFinite(got)).toBe(true);
    expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * want);
    b().optimizer!.scale(g, g.length, 0.5);
    expect(g[1]).toBe(Math.fround(-1.5e20));
  });

  it('hands float64 arrays (gradient checks) to the TypeScript kernels', () => {
    const c = new Float64Array(4);
    b().matmul(Float64Array.from([1, 2, 3, 4, 5, 6]), Float64Array.from([7, 8, 9, 10, 11, 12]), c, 2, 3, 2, false);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
  });
});

function geometry(g: {
  batch: number; inH: number; inW: number; inC: number; outC: number; kernelH: number; kernelW: number;
  strideH?: number; strideW?: number; dilationH?: number; dilationW?: number;
  padTop?: number; padLeft?: number; padBottom?: number; padRight?: number;
}): ConvGeometry {
  const sH = g.strideH ?? 1, sW = g.strideW ?? 1, dH = g.dilationH ?? 1, dW = g.dilationW ?? 1;
  const pt = g.padTop ?? 0, pl = g.padLeft ?? 0, pb = g.padBottom ?? 0, pr = g.padRight ?? 0;
  const outH = Math.floor((g.inH + pt + pb - dH * (g.kernelH - 1) - 1) / sH) + 1;
  const outW = Math.floor((g.inW + pl + pr - dW * (g.kernelW - 1) - 1) / sW) + 1;
  return {
    batch: g.batch, inH: g.inH, inW: g.inW, inC: g.inC, outH, outW, outC: g.outC, kernelH: g.kernelH, kernelW: g.kernelW,
    strideH: sH, strideW: sW, dilationH: dH, dilationW: dW, padTop: pt, padLeft: pl,
  };
}

function pool(g: {
  batch: number; inH: number; inW: number; channels: number; kernelH: number; kernelW: number; strideH: number; strideW: number;
  padTop?: number; padLeft?: number; padBottom?: number; padRight?: number;
}): PoolGeometry {
  const pt = g.padTop ?? 0, pl = g.padLeft ?? 0, pb = g.padBottom ?? 0, pr = g.padRight ?? 0;
  return {
    batch: g.batch, inH: g.inH, inW: g.inW, channels: g.channels, kernelH: g.kernelH, kernelW: g.kernelW,
    strideH: g.strideH, strideW: g.strideW, padTop: pt, padLeft: pl,
    outH: Math.floor((g.inH + pt + pb - g.kernelH) / g.strideH) + 1,
    outW: Math.floor((g.inW + pl + pr - g.kernelW) / g.strideW) + 1,
  };
}
