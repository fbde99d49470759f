/** A grouped and a depthwise conv2d export as ONNX Conv with `group` and compute wiregrad's function in onnxruntime. */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/shape/analyze';
import { chainOfSpecs } from '../helpers/graphs';
import { compareWithOnnxRuntime } from './onnxReference';

describe('ONNX export of grouped convolutions', () => {
  it('depthwise (stride 2, "same", ×2 multiplier) and 2 groups match onnxruntime node by node', async () => {
    const g = chainOfSpecs(
      { id: 'input', type: 'input', shape: [9, 8, 4] },
      { id: 'dw', type: 'conv2d', filters: 8, kernel: 3, stride: 2, padding: 'same', groups: 4 },
      { id: 'r', type: 'relu' },
      { id: 'g2', type: 'conv2d', filters: 6, kernel: [2, 3], padding: 1, groups: 2, bias: false },
    );
    const analysis = analyzeGraph(g);
    const c = await compareWithOnnxRuntime(g, analysis, 2);
    for (const n of c.nodes) expect({ node: n.node, ok: n.relative <= 1e-5 }).toEqual({ node: n.node, ok: true });
    expect(c.nodes.map((n) => n.node)).toEqual(['dw', 'r', 'g2']);
  }, 60_000);
});
