/**
 * The backward kernels of the grouped/depthwise and transposed convolutions, upsampling, global max pool, layer
 * norm, GELU, SiLU, ReLU6 and the sigmoid binary cross-entropy against centred differences of their own forward
 * (float64, h = 1e-6). Each op is driven by L = Σ y ⊙ r for a random r, so ∂L/∂y = r, and every element of every
 * input and parameter is perturbed.
 */
import { describe, expect, it } from 'vitest';
import type { GroupedConvGeometry, TransposedConvGeometry, UpsampleGeometry, UpsampleMode } from '../../engine/kernels/backend';
import { cpuBackend as k } from '../../engine/kernels/cpu';
import { Rng } from '../../engine/random/rng';

const H = 1e-6;

function randn(rng: Rng, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => scale * rng.normal());
}

/**
 * Max relative error between `analytic[name]` and the centred difference of `loss` in each element of
 * `variables[name]`: |a − n| / max(|a|, |n|, 1e-3) (the floor keeps near-zero gradients from dividing by ~0).
 */
function maxRelativeError(
  variables: Record<string, Float64Array>, analytic: Record<string, Float64Array>, loss: () => number,
): Record<string, number> {
  const errors: Record<string, number> = {};
  for (const [name, v] of Object.entries(variables)) {
    let worst = 0;
    for (let i = 0; i < v.length; i++) {
      const keep = v[i];
      v[i] = keep + H;
      const up = loss();
      v[i] = keep - H;
      const down = loss();
      v[i] = keep;
      const numeric = (up - down) / (2 * H);
      const a = analytic[name][i];
      worst = Math.max(worst, Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), 1e-3));
    }
    errors[name] = worst;
  }
  return errors;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function expectAllBelow(errors: Record<string, number>, limit = 1e-5) {
  for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(limit);
}

describe('grouped and depthwise convolution', () => {
  const cases: [string, Omit<GroupedConvGeometry, 'outH' | 'outW' | 'padLeft'>][] = [
    ['depthwise 3×3 pad 1', { batch: 2, inH: 5, inW: 4, inC: 3, outC: 3, groups: 3, kernelH: 3, kernelW: 3, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 1 }],
    ['depthwise ×2 multiplier stride 2', { batch: 1, inH: 6, inW: 5, inC: 2, outC: 4, groups: 2, kernelH: 3, kernelW: 2, strideH: 2, strideW: 2, dilationH: 1, dilationW: 1, padTop: 1 }],
    ['2 groups of 2→3, dilation 2', { batch: 2, inH: 6, inW: 6, inC: 4, outC: 6, groups: 2, kernelH: 2, kernelW: 2, strideH: 1, strideW: 1, dilationH: 2, dilationW: 2, padTop: 0 }],
    ['1 group (an ordinary conv)', { batch: 1, inH: 4, inW: 4, inC: 3, outC: 2, groups: 1, kernelH: 3, kernelW: 3, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 1 }],
  ];
  it.each(cases)('%s', (_name, base) => {
    const span = (f: number, d: number) => d * (f - 1) + 1;
    const outH = Math.floor((base.inH + 2 * base.padTop - span(base.kernelH, base.dilationH)) / base.strideH) + 1;
    const outW = Math.floor((base.inW + 2 * base.padTop - span(base.kernelW, base.dilationW)) / base.strideW) + 1;
    const g: GroupedConvGeometry = { ...base, outH, outW, padLeft: base.padTop };
    const r = new Rng(outH * 13 + outW);
    const x = randn(r, g.batch * g.inH * g.inW * g.inC);
    const weight = randn(r, g.kernelH * g.kernelW * (g.inC / g.groups) * g.outC);
    const bias = randn(r, g.outC);
    const dy = randn(r, g.batch * outH * outW * g.outC);
    const y = new Float64Array(dy.length);
    const forward = () => {
      k.groupedConv2dForward({ x, weight, bias, y }, g);
      return dot(y, dy);
    };
    const dx = new Float64Array(x.length);
    const dweight = new Float64Array(weight.length);
    const dbias = new Float64Array(bias.length);
    k.groupedConv2dBackwardInput({ dy, weight, dx }, g);
    k.groupedConv2dBackwardFilter({ dy, x, dweight, dbias }, g, false);
    expectAllBelow(maxRelativeError({ x, weight, bias }, { x: dx, weight: dweight, bias: dbias }, forward));
  });

  it('with one group it computes exactly what the im2col convolution computes', () => {
    const g: GroupedConvGeometry = {
      batch: 2, inH: 7, inW: 6, inC: 3, outH: 4, outW: 3, outC: 5, groups: 1, kernelH: 3, kernelW: 2,
      strideH: 2, strideW: 2, dilationH: 1, dilationW: 2, padTop: 1, padLeft: 0,
    };
    const r = new Rng(5);
    const x = randn(r, 2 * 7 * 6 * 3);
    const weight = randn(r, 3 * 2 * 3 * 5);
    const bias = randn(r, 5);
    const direct = new Float64Array(2 * 4 * 3 * 5);
    const viaMatmul = new Float64Array(direct.length);
    k.groupedConv2dForward({ x, weight, bias, y: direct }, g);
    k.conv2dForward({ x, weight, bias, y: viaMatmul, col: new Float64Array(2 * 4 * 3 * 3 * 2 * 3) }, g);
    direct.forEach((v, i) => expect(v).toBeCloseTo(viaMatmul[i], 12));
  });
});

describe('transposed convolution', () => {
  const cases: [string, { batch: number; inH: number; inW: number; inC: number; outC: number; kernel: [number, number]; stride: [number, number]; pad: [number, number]; outputPadding: [number, number] }][] = [
    ['2×2 stride 2 (U-Net up-convolution)', { batch: 2, inH: 3, inW: 3, inC: 3, outC: 2, kernel: [2, 2], stride: [2, 2], pad: [0, 0], outputPadding: [0, 0] }],
    ['3×3 stride 2 pad 1 output padding 1', { batch: 1, inH: 3, inW: 4, inC: 2, outC: 3, kernel: [3, 3], stride: [2, 2], pad: [1, 1], outputPadding: [1, 1] }],
    ['3×2 stride [1, 3] pad [1, 0] output padding [0, 2]', { batch: 2, inH: 4, inW: 2, inC: 2, outC: 2, kernel: [3, 2], stride: [1, 3], pad: [1, 0], outputPadding: [0, 2] }],
    ['4×4 stride 2 pad 1 (DCGAN)', { batch: 1, inH: 2, inW: 3, inC: 4, outC: 1, kernel: [4, 4], stride: [2, 2], pad: [1, 1], outputPadding: [0, 0] }],
  ];
  it.each(cases)('%s', (_name, c) => {
    const outH = (c.inH - 1) * c.stride[0] - 2 * c.pad[0] + c.kernel[0] + c.outputPadding[0];
    const outW = (c.inW - 1) * c.stride[1] - 2 * c.pad[1] + c.kernel[1] + c.outputPadding[1];
    const g: TransposedConvGeometry = {
      batch: c.batch, inH: c.inH, inW: c.inW, inC: c.inC, outH, outW, outC: c.outC, kernelH: c.kernel[0], kernelW: c.kernel[1],
      strideH: c.stride[0], strideW: c.stride[1], padTop: c.pad[0], padLeft: c.pad[1],
    };
    const r = new Rng(outH * 7 + outW);
    const x = randn(r, c.batch * c.inH * c.inW * c.inC);
    const weight = randn(r, c.kernel[0] * c.kernel[1] * c.outC * c.inC);
    const bias = randn(r, c.outC);
    const dy = randn(r, c.batch * outH * outW * c.outC);
    const y = new Float64Array(dy.length);
    const col = new Float64Array(c.batch * c.inH * c.inW * c.kernel[0] * c.kernel[1] * c.outC);
    const forward = () => {
      k.conv2dTransposeForward({ x, weight, bias, y, col }, g);
      return dot(y, dy);
    };
    const dx = new Float64Array(x.length);
    const dweight = new Float64Array(weight.length);
    const dbias = new Float64Array(bias.length);
    k.conv2dTransposeBackward({ dy, x, weight, dx, dweight, dbias, col }, g, false);
    expectAllBelow(maxRelativeError({ x, weight, bias }, { x: dx, weight: dweight, bias: dbias }, forward));
  });
});

describe('upsampling', () => {
  const cases: [UpsampleMode, UpsampleGeometry][] = [
    ['nearest', { batch: 2, inH: 3, inW: 2, channels: 2, scaleH: 2, scaleW: 2 }],
    ['nearest', { batch: 1, inH: 2, inW: 3, channels: 3, scaleH: 3, scaleW: 1 }],
    ['bilinear', { batch: 2, inH: 3, inW: 4, channels: 2, scaleH: 2, scaleW: 2 }],
    ['bilinear', { batch: 1, inH: 2, inW: 2, channels: 1, scaleH: 4, scaleW: 3 }],
    ['bilinear', { batch: 1, inH: 1, inW: 3, channels: 2, scaleH: 2, scaleW: 5 }],
  ];
  it.each(cases)('%s %j', (mode, g) => {
    const r = new Rng(g.inH * 5 + g.scaleW);
    const x = randn(r, g.batch * g.inH * g.inW * g.channels);
    const dy = randn(r, x.length * g.scaleH * g.scaleW);
    const y = new Float64Array(dy.length);
    const dx = new Float64Array(x.length);
    k.upsampleBackward(mode, dy, dx, g);
    expectAllBelow(maxRelativeError({ x }, { x: dx }, () => {
      k.upsampleForward(mode, x, y, g);
      return dot(y, dy);
    }));
  });
});

describe('global max pool, layer norm and the new activations', () => {
  it('global max pool routes each channel’s gradient to its largest pixel', () => {
    const r = new Rng(3);
    const [batch, pixels, channels] = [2, 6, 3];
    const x = randn(r, batch * pixels * channels);
    const dy = randn(r, batch * channels);
    const y = new Float64Array(dy.length);
    const at = new Int32Array(dy.length);
    const dx = new Float64Array(x.length);
    k.globalMaxPoolForward(x, y, at, batch, pixels, channels);
    k.globalMaxPoolBackward(dy, at, dx, batch, pixels, channels);
    expectAllBelow(maxRelativeError({ x }, { x: dx }, () => {
      k.globalMaxPoolForward(x, y, at, batch, pixels, channels);
      return dot(y, dy);
    }));
  });

  it.each([[6, 5, 1e-5], [2, 8, 0.1], [4, 1, 1e-5]])('layer norm, %i rows of %i, ε = %f', (rows, cols, epsilon) => {
    const r = new Rng(rows * cols);
    const x = randn(r, rows * cols, 2);
    const gamma = randn(r, cols);
    const beta = randn(r, cols);
    const dy = randn(r, rows * cols);
    const y = new Float64Array(x.length);
    const xhat = new Float64Array(x.length);
    const invStd = new Float64Array(rows);
    const forward = () => {
      k.layerNormForward({ x, gamma, beta, y, xhat, invStd }, rows, cols, epsilon);
      return dot(y, dy);
    };
    forward();
    const dx = new Float64Array(x.length);
    const dgamma = new Float64Array(cols);
    const dbeta = new Float64Array(cols);
    k.layerNormBackward({ dy, xhat, gamma, invStd, dx, dgamma, dbeta }, rows, cols);
    // One column: x − mean is 0 whatever x is, so y = β and every ∂/∂x and ∂/∂γ is exactly 0.
    expectAllBelow(maxRelativeError({ x, gamma, beta }, { x: dx, gamma: dgamma, beta: dbeta }, forward));
  });

  it.each(['gelu', 'silu', 'relu6'] as const)('%s', (kind) => {
    const r = new Rng(kind.length);
    // Spread over [−9, 9] but away from ReLU6's kinks at 0 and 6, where the derivative jumps.
    const x = randn(r, 64, 3).map((v) => (Math.abs(v) < 0.01 || Math.abs(v - 6) < 0.01 ? v + 0.05 : v));
    const dy = randn(r, x.length);
    const y = new Float64Array(x.length);
    const dx = new Float64Array(x.length);
    const forward = { gelu: k.geluForward, silu: k.siluForward, relu6: k.relu6Forward }[kind];
    const backward = { gelu: k.geluBackward, silu: k.siluBackward, relu6: k.relu6Backward }[kind];
    backward(x, dy, dx, x.length);
    expectAllBelow(maxRelativeError({ x }, { x: dx }, () => {
      forward(x, y, x.length);
      return dot(y, dy);
    }));
  });

  it('sigmoid binary cross-entropy: the fused gradient σ(z) − t, with soft and hard targets', () => {
    const r = new Rng(11);
    const z = randn(r, 40, 4);
    const t = Float64Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? r.uniform() : i % 2));
    const dz = new Float64Array(40);
    const scale = 1 / 40;
    k.sigmoidBinaryCrossEntropy(z, t, dz, 40, scale);
    expectAllBelow(maxRelativeError({ z }, { z: dz }, () => k.sigmoidBinaryCrossEntropy(z, t, null, 40, scale).lossSum * scale));
  });
});
