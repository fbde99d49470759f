/**
 * Agreement with TensorFlow.js (tfjs-core, cpu backend, gradients via tf.grads) on randomized configurations from a
 * seeded loop: values and gradients to 1e-4 relative (max |ours − tf| / max |tf|; tfjs computes in float32, ours
 * here in float64). Backward is driven by L = Σ y ⊙ r for a random r, so ∂L/∂y = r.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConvGeometry, PoolGeometry } from '../../engine/kernels/backend';
import { cpuBackend as k } from '../../engine/kernels/cpu';
import { GraphRunner } from '../../engine/model/runner';
import { Rng } from '../../engine/random/rng';
import { analyzedGraph, chainFromShape } from '../helpers/graphs';
import { loadTf, relativeDifference } from './tfjs';

type Tf = ReturnType<typeof loadTf>;
let tf: Tf;
beforeAll(() => {
  tf = loadTf();
});

const TOLERANCE = 1e-4;

/** Normal values already rounded to float32, so tfjs (float32) and our float64 kernels start from the same numbers. */
function randn(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => Math.fround(rng.normal()));
}

/** tfjs accepts Float32Array but not Float64Array. */
const f32 = (a: ArrayLike<number>) => Float32Array.from(a);

/** TF's "same": total padding max((out − 1)·s + span − in, 0), the odd pixel after (bottom/right). */
function samePads(size: number, kernel: number, stride: number, dilation: number): [number, number, number] {
  const out = Math.ceil(size / stride);
  const span = dilation * (kernel - 1) + 1;
  const total = Math.max((out - 1) * stride + span - size, 0);
  return [out, Math.floor(total / 2), total - Math.floor(total / 2)];
}

function outSize(size: number, kernel: number, stride: number, dilation: number, before: number, after: number): number {
  return Math.floor((size + before + after - dilation * (kernel - 1) - 1) / stride) + 1;
}

function expectClose(name: string, ours: ArrayLike<number>, theirs: ArrayLike<number>) {
  expect(relativeDifference(ours, theirs), name).toBeLessThan(TOLERANCE);
}

describe('conv2d agrees with tf.conv2d (values, ∂x, ∂w, ∂b)', () => {
  const rng = new Rng(2024);
  const cases = Array.from({ length: 24 }, (_, i) => {
    const dilation = i % 4 === 3 ? 2 : 1;
    const stride = dilation > 1 ? 1 : 1 + rng.int(3); // tfjs allows dilation only with stride 1
    const kh = 1 + rng.int(4);
    const kw = 1 + rng.int(4);
    const same = i % 3 === 0;
    return {
      batch: 1 + rng.int(3), h: 5 + rng.int(7), w: 5 + rng.int(7), cin: 1 + rng.int(4), k: 1 + rng.int(4),
      kh, kw, stride, dilation, same,
      pads: [rng.int(3), rng.int(3), rng.int(3), rng.int(3)],
    };
  });

  it.each(cases)('%j', (c) => {
    let outH: number, outW: number, top: number, bottom: number, left: number, right: number;
    if (c.same) {
      [outH, top, bottom] = samePads(c.h, c.kh, c.stride, c.dilation);
      [outW, left, right] = samePads(c.w, c.kw, c.stride, c.dilation);
    } else {
      [top, bottom, left, right] = c.pads;
      outH = outSize(c.h, c.kh, c.stride, c.dilation, top, bottom);
      outW = outSize(c.w, c.kw, c.stride, c.dilation, left, right);
    }
    if (outH < 1 || outW < 1) return;
    const g: ConvGeometry = {
      batch: c.batch, inH: c.h, inW: c.w, inC: c.cin, outH, outW, outC: c.k, kernelH: c.kh, kernelW: c.kw,
      strideH: c.stride, strideW: c.stride, dilationH: c.dilation, dilationW: c.dilation, padTop: top, padLeft: left,
    };
    const r = new Rng(c.h * 31 + c.w);
    const x = randn(r, c.batch * c.h * c.w * c.cin);
    const w = randn(r, c.kh * c.kw * c.cin * c.k);
    const b = randn(r, c.k);
    const dy = randn(r, c.batch * outH * outW * c.k);

    const patch = c.kh * c.kw * c.cin;
    const col = new Float64Array(c.batch * outH * outW * patch);
    const y = new Float64Array(dy.length);
    k.conv2dForward({ x, weight: w, bias: b, y, col }, g);
    const dx = new Float64Array(x.length);
    k.conv2dBackwardInput({ dy, weight: w, dx, dcol: new Float64Array(col.length) }, g);
    const dw = new Float64Array(w.length);
    const db = new Float64Array(c.k);
    k.conv2dBackwardFilter({ dy, x, col, dweight: dw, dbias: db }, g, false);

    const pad = [[0, 0], [top, bottom], [left, right], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]];
    const X = tf.tensor4d(f32(x), [c.batch, c.h, c.w, c.cin], 'float32');
    const B = tf.tensor1d(f32(b), 'float32');
    const R = tf.tensor4d(f32(dy), [c.batch, outH, outW, c.k], 'float32');
    // tfjs has no conv gradient with dilation > 1 (and its dilated forward with explicit padding disagrees even for
    // a 1×1 kernel, where dilation cannot matter), so the reference is the definition of dilation: the same conv
    // with the kernel spread out (zeros between taps), its weight gradient read back at the taps.
    const d = c.dilation;
    const [ekh, ekw] = [d * (c.kh - 1) + 1, d * (c.kw - 1) + 1];
    const tap = (fy: number, fx: number, ci: number, ko: number) => (((fy * d) * ekw + fx * d) * c.cin + ci) * c.k + ko;
    const spread = new Float32Array(ekh * ekw * c.cin * c.k);
    for (let fy = 0, i = 0; fy < c.kh; fy++) for (let fx = 0; fx < c.kw; fx++) for (let ci = 0; ci < c.cin; ci++) for (let ko = 0; ko < c.k; ko++) spread[tap(fy, fx, ci, ko)] = w[i++];
    const W = tf.tensor4d(spread, [ekh, ekw, c.cin, c.k], 'float32');
    const f = (xx: any, ww: any, bb: any) => tf.add(tf.conv2d(xx, ww, c.stride, c.same ? 'same' : pad), bb);
    const Y = f(X, W, B);
    expect(Y.shape).toEqual([c.batch, outH, outW, c.k]);
    const [DX, DW, DB] = tf.grads((xx: any, ww: any, bb: any) => tf.sum(tf.mul(f(xx, ww, bb), R)))([X, W, B]);
    const dwSpread = DW.dataSync();
    const dwAtTaps = new Float64Array(w.length);
    for (let fy = 0, i = 0; fy < c.kh; fy++) for (let fx = 0; fx < c.kw; fx++) for (let ci = 0; ci < c.cin; ci++) for (let ko = 0; ko < c.k; ko++) dwAtTaps[i++] = dwSpread[tap(fy, fx, ci, ko)];
    expectClose('y', y, Y.dataSync());
    expectClose('dx', dx, DX.dataSync());
    expectClose('dw', dw, dwAtTaps);
    expectClose('db', db, DB.dataSync());
    tf.dispose([X, W, B, R, Y, DX, DW, DB]);
  });
});

describe('pooling agrees with tf.maxPool / tf.avgPool', () => {
  const rng = new Rng(77);
  const cases = Array.from({ length: 16 }, (_, i) => {
    const kernel = 1 + rng.int(3);
    return {
      kind: i % 2 === 0 ? ('max' as const) : ('avg' as const),
      batch: 1 + rng.int(2), h: 4 + rng.int(6), w: 4 + rng.int(6), c: 1 + rng.int(3),
      kernel, stride: 1 + rng.int(3), pad: rng.int(Math.floor(kernel / 2) + 1),
    };
  });

  it.each(cases)('%j', (c) => {
    const outH = outSize(c.h, c.kernel, c.stride, 1, c.pad, c.pad);
    const outW = outSize(c.w, c.kernel, c.stride, 1, c.pad, c.pad);
    const g: PoolGeometry = {
      batch: c.batch, inH: c.h, inW: c.w, channels: c.c, outH, outW, kernelH: c.kernel, kernelW: c.kernel,
      strideH: c.stride, strideW: c.stride, padTop: c.pad, padLeft: c.pad,
    };
    const r = new Rng(c.h * 17 + c.w * 3 + c.c);
    const x = randn(r, c.batch * c.h * c.w * c.c);
    const dy = randn(r, c.batch * outH * outW * c.c);
    const y = new Float64Array(dy.length);
    const dx = new Float64Array(x.length);
    if (c.kind === 'max') {
      const at = new Int32Array(dy.length);
      k.maxPoolForward(x, y, at, g);
      k.maxPoolBackward(dy, at, dx, g);
    } else {
      k.avgPoolForward(x, y, g);
      k.avgPoolBackward(dy, dx, g);
    }
    // Padding as PyTorch means it: −∞ for max, zeros counted in the mean for average.
    const padded = (xx: any) => tf.pad(xx, [[0, 0], [c.pad, c.pad], [c.pad, c.pad], [0, 0]], c.kind === 'max' ? -1e30 : 0);
    const f = (xx: any) => (c.kind === 'max' ? tf.maxPool : tf.avgPool)(padded(xx), c.kernel, c.stride, 'valid');
    const X = tf.tensor4d(f32(x), [c.batch, c.h, c.w, c.c], 'float32');
    const R = tf.tensor4d(f32(dy), [c.batch, outH, outW, c.c], 'float32');
    const Y = f(X);
    const [DX] = tf.grads((xx: any) => tf.sum(tf.mul(f(xx), R)))([X]);
    expectClose('y', y, Y.dataSync());
    expectClose('dx', dx, DX.dataSync());
    tf.dispose([X, R, Y, DX]);
  });
});

describe('dense, batchnorm and softmax cross-entropy agree with tfjs', () => {
  it.each([[1, 5, 3], [4, 7, 9], [16, 33, 10]])('dense batch %i, %i → %i', (batch, nIn, nOut) => {
    const r = new Rng(batch + nIn + nOut);
    const x = randn(r, batch * nIn);
    const w = randn(r, nIn * nOut);
    const b = randn(r, nOut);
    const dy = randn(r, batch * nOut);
    const y = new Float64Array(batch * nOut);
    k.matmul(x, w, y, batch, nIn, nOut, false);
    k.addBias(y, b, batch, nOut);
    const dw = new Float64Array(w.length);
    k.matmulTransA(x, dy, dw, nIn, batch, nOut, false);
    const dx = new Float64Array(x.length);
    k.matmulTransB(dy, w, dx, batch, nOut, nIn, false);
    const db = new Float64Array(nOut);
    k.sumRows(dy, db, batch, nOut);

    const X = tf.tensor2d(f32(x), [batch, nIn]);
    const W = tf.tensor2d(f32(w), [nIn, nOut]);
    const B = tf.tensor1d(f32(b));
    const R = tf.tensor2d(f32(dy), [batch, nOut]);
    const f = (xx: any, ww: any, bb: any) => tf.add(tf.matMul(xx, ww), bb);
    const [DX, DW, DB] = tf.grads((xx: any, ww: any, bb: any) => tf.sum(tf.mul(f(xx, ww, bb), R)))([X, W, B]);
    expectClose('y', y, f(X, W, B).dataSync());
    expectClose('dx', dx, DX.dataSync());
    expectClose('dw', dw, DW.dataSync());
    expectClose('db', db, DB.dataSync());
  });

  it.each([[[4, 3, 3, 5]], [[8, 6]], [[2, 5, 4, 3]]])('batchnorm (training mode) on %j', (shape) => {
    const r = new Rng(shape.reduce((a, b) => a * 7 + b, 1));
    const n = shape.reduce((a, b) => a * b, 1);
    const C = shape[shape.length - 1];
    const rows = n / C;
    const eps = 1e-3;
    const x = randn(r, n).map((v) => Math.fround(3 * v + 1));
    const gamma = randn(r, C);
    const beta = randn(r, C);
    const dy = randn(r, n);
    const y = new Float64Array(n);
    const xhat = new Float64Array(n);
    const invStd = new Float64Array(C);
    k.batchNormTrainForward({
      x, gamma, beta, y, xhat, invStd, runningMean: new Float64Array(C), runningVar: new Float64Array(C).fill(1),
      rows, channels: C, epsilon: eps, momentum: 0.99,
    });
    const dx = new Float64Array(n);
    const dgamma = new Float64Array(C);
    const dbeta = new Float64Array(C);
    k.batchNormBackward({ dy, xhat, gamma, invStd, dx, dgamma, dbeta, rows, channels: C });

    const axes = shape.slice(0, -1).map((_, i) => i);
    const f = (xx: any, gg: any, bb: any) => {
      const { mean, variance } = tf.moments(xx, axes);
      return tf.add(tf.mul(tf.div(tf.sub(xx, mean), tf.sqrt(tf.add(variance, eps))), gg), bb);
    };
    const X = tf.tensor(f32(x), shape);
    const G = tf.tensor1d(f32(gamma));
    const Bt = tf.tensor1d(f32(beta));
    const R = tf.tensor(f32(dy), shape);
    const [DX, DG, DB] = tf.grads((xx: any, gg: any, bb: any) => tf.sum(tf.mul(f(xx, gg, bb), R)))([X, G, Bt]);
    expectClose('y', y, f(X, G, Bt).dataSync());
    expectClose('dx', dx, DX.dataSync());
    expectClose('dgamma', dgamma, DG.dataSync());
    expectClose('dbeta', dbeta, DB.dataSync());
  });

  it.each([[3, 4], [10, 10], [5, 2]])('softmax cross-entropy, batch %i of %i classes', (batch, classes) => {
    const r = new Rng(batch * 100 + classes);
    const logits = randn(r, batch * classes).map((v) => Math.fround(4 * v));
    const targets = Int32Array.from({ length: batch }, () => r.int(classes));
    const d = new Float64Array(logits.length);
    const { lossSum } = k.softmaxCrossEntropy(logits, targets, d, batch, classes, 1 / batch);
    const onehot = tf.oneHot(tf.tensor1d(targets, 'int32'), classes);
    const f = (z: any) => tf.losses.softmaxCrossEntropy(onehot, z);
    const Z = tf.tensor2d(f32(logits), [batch, classes]);
    const [DZ] = tf.grads((z: any) => f(z))([Z]);
    expectClose('loss', [lossSum / batch], f(Z).dataSync());
    expectClose('dlogits', d, DZ.dataSync());
  });
});

describe('the model resolves "same" padding as TensorFlow does', () => {
  it('a stride-2 "same" conv (odd padding: the extra pixel goes bottom/right) gives tf.conv2d’s values', () => {
    const g = chainFromShape([7, 8, 2], [{ id: 'c', type: 'conv2d', filters: 3, kernel: 4, stride: 2, padding: 'same' }]);
    const model = new GraphRunner(g, analyzedGraph(g), { dtype: 'float64', seed: 3 });
    const r = new Rng(9);
    const x = randn(r, 2 * 7 * 8 * 2);
    const y = model.forward(x, 2, 'eval');
    const [w, b] = model.params;
    const Y = tf.add(tf.conv2d(tf.tensor4d(f32(x), [2, 7, 8, 2]), tf.tensor4d(f32(w.value), [4, 4, 2, 3]), 2, 'same'), tf.tensor1d(f32(b.value)));
    expect(Y.shape).toEqual([2, ...model.outputShape]);
    expectClose('y', y, Y.dataSync());
  });
});
