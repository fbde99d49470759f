/** Inference on a trained graph: how many samples a batch may hold, and refusing a graph no sample of which fits. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import { inferenceBatchLimit, loadTrainedModel } from '../../engine/train/inference';

function graphText(inputShape: number[]): string {
  return JSON.stringify({
    format: 'wiregrad.graph',
    version: 1,
    name: 'g',
    nodes: [
      { id: 'input', type: 'input', shape: inputShape },
      { id: 'd', type: 'dense', units: 4 },
    ],
    edges: [{ from: 'input', to: 'd' }],
  });
}

describe('inferenceBatchLimit', () => {
  it('divides what the weights leave of the budget by one sample’s activations and their gradients', () => {
    const analysis = analyzeGraph(parseGraphText(graphText([8])).graph!);
    // Weights (8·4 + 4)·4 B = 144 B. One sample: activations (8 + 4)·4 B = 48 B, ×2 with gradients = 96 B.
    expect(inferenceBatchLimit(analysis, 144 + 96 * 10)).toBe(10);
    expect(inferenceBatchLimit(analysis, 144 + 96 * 10 - 1)).toBe(9);
    expect(inferenceBatchLimit(analysis, 100)).toBe(0);
  });
});

describe('loadTrainedModel', () => {
  it('refuses a 65,536×65,536×3 input with the estimate before building anything or reading weights', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-infer-')), 'big.nn.json');
    fs.writeFileSync(file, graphText([65536, 65536, 3]));
    expect(() => loadTrainedModel(file, 8 * 1024 ** 3)).toThrow(
      /big\.nn\.json: running one sample through this graph would need about [\d.]+ GiB, over the budget of 8\.0 GiB; shrink the input \(it is \[65536, 65536, 3\]\)/,
    );
  });
});
