/**
 * The new ops against TensorFlow.js (float32; values and gradients to 1e-4 relative, as test/kernels/tfjs.test.ts):
 * depthwiseConv2d and grouped convolution (tfjs has no `groups`: the reference splits the channels, convolves each
 * group with conv2d and concatenates), conv2dTranspose, resizeNearestNeighbor / resizeBilinear (alignCorners=false,
 * halfPixelCenters=true: PyTorch's align_corners=false), max over the pixels, layer norm from tf.moments, GELU from
 * tf.erf, SiLU as x·sigmoid(x), relu6 and sigmoidCrossEntropy. Gradients come from tf.grads of L = Σ y ⊙ r, except
 * for resizing: tfjs' ResizeBilinearGrad ignores halfPixelCenters, so there the reference gradient is the
 * definition for a linear map, ∂L/∂x_i = ⟨tf.resize(e_i), r⟩ over the unit inputs e_i.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupedConvGeometry, TransposedConvGeometry, UpsampleGeometry, UpsampleMode } from '../../engine/kernels/backend';
import { cpuBackend as k } from '../../engine/kernels/cpu';
import { Rng } from '../../engine/random/rng';
import { loadTf, relativeDifference } from './tfjs';

type Tf = ReturnType<typeof loadTf>;
let tf: Tf;
beforeAll(() => {
  tf = loadTf();
});

const TOLERANCE = 1e-4;

function randn(rng: Rng, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => Math.fround(scale * rng.normal()));
}

const f32 = (a: ArrayLike<number>) => Float32Array.from(a);

function expectClose(name: string, ours: ArrayLike<number>, theirs: ArrayLike<number>) {
  expect(relativeDifference(ours, theirs), name).toBeLessThan(TOLERANCE);
}

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

describe('grouped convolution agrees with tf.depthwiseConv2d and split → conv2d → concat', () => {
  const rng = new Rng(808);
  const cases = Array.from({ length: 12 }, (_, i) => {
    const depthwise = i % 2 === 0;
    const groups = depthwise ? 1 + rng.int(4) : 2 + rng.int(2);
    const inC = depthwise ? groups : groups * (1 + rng.int(3));
    const outC = groups * (1 + rng.int(2));
    const kh = 1 + rng.int(3);
    const kw = 1 + rng.int(3);
    return {
      depthwise, groups, inC, outC, kh, kw, batch: 1 + rng.int(2), h: 4 + rng.int(5), w: 4 + rng.int(5),
      stride: 1 + rng.int(2), pad: rng.int(2),
    };
  });

  it.each(cases)('%j', (c) => {
    const outH = Math.floor((c.h + 2 * c.pad - c.kh) / c.stride) + 1;
    const outW = Math.floor((c.w + 2 * c.pad - c.kw) / c.stride) + 1;
    const g: GroupedConvGeometry = {
      batch: c.batch, inH: c.h, inW: c.w, inC: c.inC, outH, outW, outC: c.outC, groups: c.groups,
      kernelH: c.kh, kernelW: c.kw, strideH: c.stride, strideW: c.stride, dilationH: 1, dilationW: 1, padTop: c.pad, padLeft: c.pad,
    };
    const r = new Rng(c.h * 100 + c.w * 10 + c.inC);
    const x = randn(r, c.batch * c.h * c.w * c.inC);
    const weight = randn(r, c.kh * c.kw * (c.inC / c.groups) * c.outC);
    const bias = randn(r, c.outC);
    const dy = randn(r, c.batch * outH * outW * c.outC);
    const y = new Float64Array(dy.length);
    k.groupedConv2dForward({ x, weight, bias, y }, g);
    const dx = new Float64Array(x.length);
    const dweight = new Float64Array(weight.length);
    const dbias = new Float64Array(c.outC);
    k.groupedConv2dBackwardInput({ dy, weight, dx }, g);
    k.groupedConv2dBackwardFilter({ dy, x, dweight, dbias }, g, false);

    const pad: Pad4 = [[0, 0], [c.pad, c.pad], [c.pad, c.pad], [0, 0]];
    const cg = c.inC / c.groups;
    const kg = c.outC / c.groups;
    const X = tf.tensor4d(f32(x), [c.batch, c.h, c.w, c.inC]);
    // Depthwise: our HWIO [F, F, 1, C·m] is tfjs' [F, F, C, m] read in the same order (output channel c·m + j).
    const W = c.depthwise
      ? tf.tensor4d(f32(weight), [c.kh, c.kw, c.inC, kg])
      : tf.tensor4d(f32(weight), [c.kh, c.kw, cg, c.outC]);
    const B = tf.tensor1d(f32(bias));
    const R = tf.tensor4d(f32(dy), [c.batch, outH, outW, c.outC]);
    const f = (xx: any, ww: any, bb: any) => {
      if (c.depthwise) return tf.add(tf.depthwiseConv2d(tf.pad(xx, pad), ww, c.stride, 'valid'), bb);
      const xs = tf.split(xx, c.groups, 3);
      const ys = xs.map((xg: any, grp: number) => tf.conv2d(xg, tf.slice(ww, [0, 0, 0, grp * kg], [c.kh, c.kw, cg, kg]), c.stride, pad));
      return tf.add(tf.concat(ys, 3), bb);
    };
    const Y = f(X, W, B);
    expect(Y.shape).toEqual([c.batch, outH, outW, c.outC]);
    const [DX, DW, DB] = tf.grads((xx: any, ww: any, bb: any) => tf.sum(tf.mul(f(xx, ww, bb), R)))([X, W, B]);
    expectClose('y', y, Y.dataSync());
    expectClose('dx', dx, DX.dataSync());
    expectClose('dweight', dweight, DW.dataSync());
    expectClose('dbias', dbias, DB.dataSync());
    tf.dispose([X, W, B, R, Y, DX, DW, DB]);
  });
});

describe('transposed convolution agrees with tf.conv2dTranspose', () => {
  const rng = new Rng(4242);
  const cases = Array.from({ length: 12 }, () => {
    const kernel = 1 + rng.int(4);
    const stride = 1 + rng.int(3);
    const pad = rng.int(Math.min(kernel, 2));
    return {
      batch: 1 + rng.int(2), h: 2 + rng.int(4), w: 2 + rng.int(4), inC: 1 + rng.int(3), outC: 1 + rng.int(3),
      kernel, stride, pad, outputPadding: rng.int(stride),
    };
  });

  it.each(cases)('%j', (c) => {
    const outH = (c.h - 1) * c.stride - 2 * c.pad + c.kernel + c.outputPadding;
    const outW = (c.w - 1) * c.stride - 2 * c.pad + c.kernel + c.outputPadding;
    if (outH < 1 || outW < 1) return;
    const g: TransposedConvGeometry = {
      batch: c.batch, inH: c.h, inW: c.w, inC: c.inC, outH, outW, outC: c.outC, kernelH: c.kernel, kernelW: c.kernel,
      strideH: c.stride, strideW: c.stride, padTop: c.pad, padLeft: c.pad,
    };
    const r = new Rng(c.h * 31 + c.w + c.kernel);
    const x = randn(r, c.batch * c.h * c.w * c.inC);
    const weight = randn(r, c.kernel * c.kernel * c.outC * c.inC);
    const bias = randn(r, c.outC);
    const dy = randn(r, c.batch * outH * outW * c.outC);
    const y = new Float64Array(dy.length);
    const col = new Float64Array(c.batch * c.h * c.w * c.kernel * c.kernel * c.outC);
    k.conv2dTransposeForward({ x, weight, bias, y, col }, g);
    const dx = new Float64Array(x.length);
    const dweight = new Float64Array(weight.length);
    const dbias = new Float64Array(c.outC);
    k.conv2dTransposeBackward({ dy, x, weight, dx, dweight, dbias, col }, g, false);

    const X = tf.tensor4d(f32(x), [c.batch, c.h, c.w, c.inC]);
    const W = tf.tensor4d(f32(weight), [c.kernel, c.kernel, c.outC, c.inC]);
    const B = tf.tensor1d(f32(bias));
    const R = tf.tensor4d(f32(dy), [c.batch, outH, outW, c.outC]);
    const f = (xx: any, ww: any, bb: any) =>
      tf.add(tf.conv2dTranspose(xx, ww, [c.batch, outH, outW, c.outC], c.stride, c.pad), bb);
    const Y = f(X, W, B);
    const [DX, DW, DB] = tf.grads((xx: any, ww: any, bb: any) => tf.sum(tf.mul(f(xx, ww, bb), R)))([X, W, B]);
    expectClose('y', y, Y.dataSync());
    expectClose('dx', dx, DX.dataSync());
    expectClose('dweight', dweight, DW.dataSync());
    expectClose('dbias', dbias, DB.dataSync());
    tf.dispose([X, W, B, R, Y, DX, DW, DB]);
  });
});

describe('upsampling agrees with tf.image.resizeNearestNeighbor / resizeBilinear (half-pixel centres)', () => {
  const cases: [UpsampleMode, UpsampleGeometry][] = [
    ['nearest', { batch: 2, inH: 3, inW: 4, channels: 2, scaleH: 2, scaleW: 2 }],
    ['nearest', { batch: 1, inH: 2, inW: 3, channels: 3, scaleH: 3, scaleW: 2 }],
    ['bilinear', { batch: 2, inH: 3, inW: 4, channels: 2, scaleH: 2, scaleW: 2 }],
    ['bilinear', { batch: 1, inH: 4, inW: 3, channels: 1, scaleH: 3, scaleW: 4 }],
    ['bilinear', { batch: 1, inH: 1, inW: 2, channels: 2, scaleH: 2, scaleW: 3 }],
  ];
  it.each(cases)('%s %j', (mode, g) => {
    const r = new Rng(g.inH * 7 + g.scaleH * 3 + g.scaleW);
    const shape = [g.batch, g.inH, g.inW, g.channels] as [number, number, number, number];
    const outSize: [number, number] = [g.inH * g.scaleH, g.inW * g.scaleW];
    const x = randn(r, g.batch * g.inH * g.inW * g.channels);
    const dy = randn(r, x.length * g.scaleH * g.scaleW);
    const y = new Float64Array(dy.length);
    const dx = new Float64Array(x.length);
    k.upsampleForward(mode, x, y, g);
    k.upsampleBackward(mode, dy, dx, g);
    const resize = (t: any) =>
      mode === 'nearest' ? tf.image.resizeNearestNeighbor(t, outSize, false, false) : tf.image.resizeBilinear(t, outSize, false, true);
    const Y = resize(tf.tensor4d(f32(x), shape));
    expect(Y.shape).toEqual([g.batch, ...outSize, g.channels]);
    expectClose('y', y, Y.dataSync());
    const reference = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const unit = new Float32Array(x.length);
      unit[i] = 1;
      const out = resize(tf.tensor4d(unit, shape)).dataSync();
      let s = 0;
      for (let j = 0; j < out.length; j++) s += out[j] * dy[j];
      reference[i] = s;
    }
    expectClose('dx', dx, reference);
  });

  it('bilinear ×2 of a 1×4 ramp reads the edge pixel twice and mixes ¼ : ¾ in between (PyTorch’s numbers)', () => {
    // torch.nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False) on [0, 1, 2, 3] along the width:
    // [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3].
    const y = new Float64Array(8);
    k.upsampleForward('bilinear', Float64Array.from([0, 1, 2, 3]), y, { batch: 1, inH: 1, inW: 4, channels: 1, scaleH: 1, scaleW: 2 });
    expect(Array.from(y)).toEqual([0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3]);
  });
});

describe('global max pool, layer norm, GELU, SiLU, ReLU6 and binary cross-entropy agree with tfjs', () => {
  it('global max pool = tf.max over height and width', () => {
    const r = new Rng(1);
    const [batch, h, w, c] = [3, 4, 5, 6];
    const x = randn(r, batch * h * w * c);
    const dy = randn(r, batch * c);
    const y = new Float64Array(dy.length);
    const at = new Int32Array(dy.length);
    const dx = new Float64Array(x.length);
    k.globalMaxPoolForward(x, y, at, batch, h * w, c);
    k.globalMaxPoolBackward(dy, at, dx, batch, h * w, c);
    const X = tf.tensor4d(f32(x), [batch, h, w, c]);
    const R = tf.tensor2d(f32(dy), [batch, c]);
    const f = (xx: any) => tf.max(xx, [1, 2]);
    const [DX] = tf.grads((xx: any) => tf.sum(tf.mul(f(xx), R)))([X]);
    expectClose('y', y, f(X).dataSync());
    expectClose('dx', dx, DX.dataSync());
  });

  it.each([[[4, 3, 3, 5]], [[8, 6]], [[2, 5, 4, 16]]])('layer norm over the last axis of %j (ε = 1e-5)', (shape) => {
    const r = new Rng(shape.reduce((a, b) => a * 5 + b, 3));
    const n = shape.reduce((a, b) => a * b, 1);
    const C = shape[shape.length - 1];
    const rows = n / C;
    const eps = 1e-5;
    const x = randn(r, n).map((v) => Math.fround(2 * v + 0.5));
    const gamma = randn(r, C);
    const beta = randn(r, C);
    const dy = randn(r, n);
    const y = new Float64Array(n);
    const xhat = new Float64Array(n);
    const invStd = new Float64Array(rows);
    k.layerNormForward({ x, gamma, beta, y, xhat, invStd }, rows, C, eps);
    const dx = new Float64Array(n);
    const dgamma = new Float64Array(C);
    const dbeta = new Float64Array(C);
    k.layerNormBackward({ dy, xhat, gamma, invStd, dx, dgamma, dbeta }, rows, C);
    const f = (xx: any, gg: any, bb: any) => {
      const { mean, variance } = tf.moments(xx, shape.length - 1, true);
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

  it.each(['gelu', 'silu', 'relu6'] as const)('%s', (kind) => {
    const r = new Rng(kind.charCodeAt(0));
    const x = randn(r, 200, 4);
    const dy = randn(r, 200);
    const y = new Float64Array(200);
    const dx = new Float64Array(200);
    ({ gelu: k.geluForward, silu: k.siluForward, relu6: k.relu6Forward })[kind](x, y, 200);
    ({ gelu: k.geluBackward, silu: k.siluBackward, relu6: k.relu6Backward })[kind](x, dy, dx, 200);
    const f = {
      gelu: (xx: any) => tf.mul(tf.mul(xx, 0.5), tf.add(1, tf.erf(tf.mul(xx, Math.SQRT1_2)))),
      silu: (xx: any) => tf.mul(xx, tf.sigmoid(xx)),
      relu6: (xx: any) => tf.relu6(xx),
    }[kind];
    const X = tf.tensor1d(f32(x));
    const R = tf.tensor1d(f32(dy));
    const [DX] = tf.grads((xx: any) => tf.sum(tf.mul(f(xx), R)))([X]);
    // tfjs' erf is a float32 polynomial fit (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): still well inside 1e-4.
    expectClose('y', y, f(X).dataSync());
    expectClose('dx', dx, DX.dataSync());
  });

  it('binary cross-entropy from logits = tf.losses.sigmoidCrossEntropy (mean), gradient σ(z) − t over n', () => {
    const r = new Rng(17);
    const n = 60;
    const z = randn(r, n, 5);
    const t = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? Math.fround(r.uniform()) : i % 2));
    const dz = new Float64Array(n);
    const { lossSum } = k.sigmoidBinaryCrossEntropy(z, t, dz, n, 1 / n);
    const T = tf.tensor1d(f32(t));
    const f = (zz: any) => tf.losses.sigmoidCrossEntropy(T, zz);
    const Z = tf.tensor1d(f32(z));
    const [DZ] = tf.grads((zz: any) => f(zz))([Z]);
    expectClose('loss', [lossSum / n], f(Z).dataSync());
    expectClose('dz', dz, DZ.dataSync());
  });
});
