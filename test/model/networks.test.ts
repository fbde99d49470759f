/** Whole small networks: backprop through the runner against centered differences (float64, < 1e-5). */
import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../engine/check/gradcheck';
import type { LossKind } from '../../engine/loss/loss';
import type { Graph } from '../../engine/graph/types';
import { analyzedGraph, chainFromShape, graphFromNodes } from '../helpers/graphs';

function expectNetworkGradients(g: Graph, loss?: LossKind) {
  const report = gradientCheck(g, analyzedGraph(g), { seed: 4, batch: 4, loss });
  const failures = report.tensors.filter((t) => !(t.maxRelError < 1e-5) || t.checked === 0);
  expect(failures, JSON.stringify(failures)).toEqual([]);
  return report;
}

describe('backprop through whole networks', () => {
  it('a small LeNet-style conv net with the fused softmax + cross-entropy', () => {
    const report = expectNetworkGradients(
      chainFromShape([8, 8, 1], [
        { type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
        { type: 'relu' },
        { type: 'maxpool2d', kernel: 2 },
        { type: 'conv2d', filters: 4, kernel: 3 },
        { type: 'relu' },
        { type: 'dense', units: 6 },
        { type: 'relu' },
        { type: 'dense', units: 3 },
        { type: 'softmax' },
      ]),
    );
    expect(report.loss).toBe('cross-entropy');
    expect(report.tensors.map((t) => t.name)).toEqual(['n1.weight', 'n1.bias', 'n4.weight', 'n4.bias', 'n6.weight', 'n6.bias', 'n8.weight', 'n8.bias', 'input']);
  });

  it('a residual block: add, and a node feeding two others (gradients add)', () => {
    expectNetworkGradients(
      graphFromNodes(
        [
          { id: 'in', type: 'input', shape: [5, 5, 2] },
          { id: 'stem', type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
          { id: 'a', type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
          { id: 'act', type: 'tanh' },
          { id: 'sum', type: 'add' },
          { id: 'gap', type: 'globalavgpool' },
          { id: 'out', type: 'dense', units: 4 },
        ],
        ['in>stem', 'stem>a', 'a>act', 'act>sum', 'stem>sum', 'sum>gap', 'gap>out'],
      ),
    );
  });

  it('an inception-style concat of three branches', () => {
    expectNetworkGradients(
      graphFromNodes(
        [
          { id: 'in', type: 'input', shape: [6, 6, 2] },
          { id: 'b1', type: 'conv2d', filters: 2, kernel: 1 },
          { id: 'b3', type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
          { id: 'bp', type: 'avgpool2d', kernel: 3, stride: 1, padding: 1 },
          { id: 'cat', type: 'concat' },
          { id: 'e', type: 'elu' },
          { id: 'p', type: 'maxpool2d', kernel: 2 },
          { id: 'out', type: 'dense', units: 3 },
          { id: 'sm', type: 'softmax' },
        ],
        ['in>b1', 'in>b3', 'in>bp', 'b3>cat', 'b1>cat', 'bp>cat', 'cat>e', 'e>p', 'p>out', 'out>sm'],
      ),
    );
  });

  it('batchnorm between conv and relu (training-mode statistics)', () => {
    expectNetworkGradients(
      chainFromShape([6, 6, 2], [
        { type: 'conv2d', filters: 4, kernel: 3, bias: false },
        { type: 'batchnorm' },
        { type: 'leakyrelu', alpha: 0.1 },
        { type: 'flatten' },
        { type: 'dense', units: 5 },
        { type: 'batchnorm', epsilon: 0.01 },
        { type: 'sigmoid' },
        { type: 'dense', units: 3 },
      ]),
    );
  });

  it('maxout regression with mse (the lecture’s x² example)', () => {
    const report = expectNetworkGradients(chainFromShape([1], [{ type: 'maxout', units: 4, pieces: 3 }, { type: 'dense', units: 1 }]));
    expect(report.loss).toBe('mse');
  });

  it('dropout (a fixed mask in training mode) inside an MLP', () => {
    expectNetworkGradients(chainFromShape([10], [{ type: 'dense', units: 12 }, { type: 'relu' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 4 }]));
  });

  it('mse through a final softmax (not fused)', () => {
    expectNetworkGradients(chainFromShape([5], [{ type: 'dense', units: 4 }, { type: 'softmax' }]), 'mse');
  });
});
