/**
 * Backward of every op against centered differences (float64, relative error < 1e-5): each op alone between the
 * input and the loss, so the input's gradient (and the op's parameters') exercise exactly that op's backward.
 */
import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../engine/check/gradcheck';
import type { LossKind } from '../../engine/loss/loss';
import { analyzedGraph, chainFromShape, graphFromNodes, type NodeSpec } from '../helpers/graphs';

type Op = Omit<NodeSpec, 'id'>;

function expectGradientsMatch(g: ReturnType<typeof chainFromShape>, loss?: LossKind, seed = 1) {
  const report = gradientCheck(g, analyzedGraph(g), { seed, loss, batch: 3 });
  for (const t of report.tensors) {
    expect(t.checked, `${t.name}: elements checked`).toBeGreaterThan(0);
    expect(t.maxRelError, `${t.name}`).toBeLessThan(1e-5);
  }
  expect(report.ok).toBe(true);
}

const single: [string, number[], Op][] = [
  ['conv2d 3×3 same', [5, 5, 2], { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }],
  ['conv2d stride 2 asymmetric same', [6, 7, 2], { type: 'conv2d', filters: 2, kernel: 3, stride: 2, padding: 'same' }],
  ['conv2d 2×3 stride 3 pad 1 dilation 2', [9, 8, 3], { type: 'conv2d', filters: 2, kernel: [2, 3], stride: 3, padding: 1, dilation: 2 }],
  ['conv2d 1×1 no bias', [3, 3, 4], { type: 'conv2d', filters: 5, kernel: 1, bias: false }],
  ['maxpool2d 2×2', [4, 6, 2], { type: 'maxpool2d', kernel: 2 }],
  ['maxpool2d 3×3 stride 2 pad 1', [5, 5, 2], { type: 'maxpool2d', kernel: 3, stride: 2, padding: 1 }],
  ['avgpool2d 2×2', [4, 4, 3], { type: 'avgpool2d', kernel: 2 }],
  ['avgpool2d 3×3 stride 2 pad 1', [5, 6, 2], { type: 'avgpool2d', kernel: 3, stride: 2, padding: 1 }],
  ['globalavgpool', [3, 4, 5], { type: 'globalavgpool' }],
  ['dense on a vector', [7], { type: 'dense', units: 4 }],
  ['dense on an image (implicit flatten), no bias', [2, 3, 2], { type: 'dense', units: 3, bias: false }],
  ['maxout', [6], { type: 'maxout', units: 3, pieces: 4 }],
  ['relu', [9], { type: 'relu' }],
  ['leakyrelu', [3, 3, 1], { type: 'leakyrelu', alpha: 0.2 }],
  ['elu', [9], { type: 'elu', alpha: 0.7 }],
  ['sigmoid', [9], { type: 'sigmoid' }],
  ['tanh', [2, 2, 2], { type: 'tanh' }],
  ['softmax over image channels', [2, 2, 3], { type: 'softmax' }],
  ['batchnorm on a vector', [5], { type: 'batchnorm' }],
  ['batchnorm on an image', [3, 3, 4], { type: 'batchnorm', epsilon: 0.01 }],
  ['dropout (one fixed mask)', [12], { type: 'dropout', rate: 0.4 }],
  ['flatten', [2, 2, 3], { type: 'flatten' }],
  ['conv2d depthwise 3×3 stride 2 same, no bias', [5, 6, 3], { type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 'same', groups: 3, bias: false }],
  ['conv2d depthwise ×2 multiplier, dilation 2', [6, 6, 2], { type: 'conv2d', filters: 4, kernel: 2, dilation: 2, groups: 2 }],
  ['conv2d 2 groups of 2 → 3', [4, 4, 4], { type: 'conv2d', filters: 6, kernel: 3, padding: 1, groups: 2 }],
  ['conv2dtranspose 2×2 stride 2', [3, 3, 2], { type: 'conv2dtranspose', filters: 3, kernel: 2, stride: 2 }],
  ['conv2dtranspose 3×3 stride [2, 1] pad 1 output padding [1, 0], no bias', [3, 4, 3], { type: 'conv2dtranspose', filters: 2, kernel: 3, stride: [2, 1], padding: 1, outputPadding: [1, 0], bias: false }],
  ['upsample2d nearest ×2', [3, 2, 2], { type: 'upsample2d' }],
  ['upsample2d bilinear [3, 2]', [2, 3, 2], { type: 'upsample2d', scale: [3, 2], mode: 'bilinear' }],
  ['globalmaxpool', [3, 4, 3], { type: 'globalmaxpool' }],
  ['layernorm on an image (per pixel)', [2, 3, 4], { type: 'layernorm' }],
  ['layernorm on a vector', [6], { type: 'layernorm', epsilon: 0.01 }],
  ['relu6', [12], { type: 'relu6' }],
  ['gelu', [3, 3, 2], { type: 'gelu' }],
  ['silu', [9], { type: 'silu' }],
];

describe('backward of each op matches centered differences', () => {
  it.each(single)('%s', (_name, shape, op) => expectGradientsMatch(chainFromShape(shape, [op])));

  it('softmax without the fused loss (mse through the softmax Jacobian)', () => {
    expectGradientsMatch(chainFromShape([6], [{ type: 'dense', units: 4 }, { type: 'softmax' }]), 'mse');
  });

  it('softmax fused with cross-entropy', () => {
    expectGradientsMatch(chainFromShape([6], [{ type: 'dense', units: 4 }, { type: 'softmax' }]), 'cross-entropy');
  });

  it('sigmoid fused with binary cross-entropy (per-pixel masks: a 1-channel image output)', () => {
    expectGradientsMatch(chainFromShape([3, 3, 2], [{ type: 'conv2d', filters: 1, kernel: 3, padding: 1 }, { type: 'sigmoid' }]), 'binary-cross-entropy');
  });

  it('binary cross-entropy on logits (no final sigmoid)', () => {
    expectGradientsMatch(chainFromShape([5], [{ type: 'dense', units: 3 }]), 'binary-cross-entropy');
  });

  it('add: the gradient reaches every input', () => {
    const g = graphFromNodes(
      [
        { id: 'in', type: 'input', shape: [4] },
        { id: 'a', type: 'dense', units: 3 },
        { id: 'b', type: 'dense', units: 3 },
        { id: 'c', type: 'dense', units: 3 },
        { id: 'sum', type: 'add' },
      ],
      ['in>a', 'in>b', 'in>c', 'a>sum', 'b>sum', 'c>sum'],
    );
    expectGradientsMatch(g);
  });

  it('concat: each input gets its own slice of the gradient (edge order)', () => {
    const g = graphFromNodes(
      [
        { id: 'in', type: 'input', shape: [3, 3, 2] },
        { id: 'a', type: 'conv2d', filters: 1, kernel: 1 },
        { id: 'b', type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
        { id: 'cat', type: 'concat' },
      ],
      ['in>b', 'in>a', 'a>cat', 'b>cat'],
    );
    expectGradientsMatch(g);
  });
});
