/**
 * Vanishing/exploding flags (engine/train/gradientFlags.ts): the rule on hand-made numbers, then real runs: the deep
 * sigmoid example vanishes and its first layers are flagged; LeNet-5 is healthy and nothing is.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAG_RATIO, gradientFlags, ratioText } from '../../engine/train/gradientFlags';
import type { GradientFlowEpoch, NodeGradientFlow } from '../../engine/train/gradientFlow';
import { runTrainingJob } from '../../engine/train/job';
import type { WorkerMessage } from '../../engine/train/protocol';
import { EXAMPLES_DIR } from '../helpers/examples';

/** A chain of dense layers with 100 parameters each and the given gradient rms (‖g‖ = 10·rms). */
function flowOf(rms: readonly number[]): GradientFlowEpoch {
  const nodes: NodeGradientFlow[] = rms.map((r, i) => ({ node: `d${i + 1}`, params: 100, paramGradNorm: 10 * r, outputGradNorm: 1, updateRatio: 1e-3 }));
  return { epoch: 0, samples: 1, every: 1, nodes: [{ node: 'act', params: 0, paramGradNorm: null, outputGradNorm: 1, updateRatio: null }, ...nodes] };
}

const dense = (n: number) => new Map(Array.from({ length: n }, (_, i) => [`d${i + 1}`, 'dense']));

describe('gradient flags', () => {
  it('flags an earlier-half node 1000× below or above the later half’s median, and nothing else', () => {
    // Later half d3..d5: median 1e-2. d1 at 1e-5 is exactly 1/1000 → vanishing; d2 at 1.1e-5 is not.
    const flags = gradientFlags(flowOf([1e-5, 1.1e-5, 1e-2, 2e-2, 5e-3]), dense(5));
    expect(flags.map((f) => [f.node, f.kind])).toEqual([['d1', 'vanishing']]);
    expect(flags[0].ratio).toBeCloseTo(1 / FLAG_RATIO, 12);
    expect(flags[0].explanation).toMatch(/^gradient vanishing: .* is 1\/1,000 of the later layers'.*initial scale/);
    const up = gradientFlags(flowOf([10, 1e-3, 1e-2, 1e-2, 1e-2]), dense(5));
    expect(up.map((f) => [f.node, f.kind, f.ratio])).toEqual([['d1', 'exploding', 1000]]);
    expect(up[0].explanation).toMatch(/clipNorm/);
    // A later-half node far off is the other side of the same effect: not flagged.
    expect(gradientFlags(flowOf([1, 1, 1, 1, 1e-6]), dense(5))).toEqual([]);
    // Fewer than three nodes with parameters: nothing to compare.
    expect(gradientFlags(flowOf([1e-9, 1]), dense(2))).toEqual([]);
    // All gradients zero (a dead network): no median to compare with, no flag.
    expect(gradientFlags(flowOf([0, 0, 0, 0]), dense(4))).toEqual([]);
  });

  it('names the sigmoids between the node and the loss', () => {
    const types = new Map([...dense(4), ['act', 'sigmoid']]);
    const flow = flowOf([1e-9, 1, 1, 1]);
    // 'act' comes first in this flow's order, so no sigmoid lies after d1: the generic advice.
    expect(gradientFlags(flow, types)[0].explanation).not.toMatch(/sigmoid/);
    const after = { ...flow, nodes: [flow.nodes[1], flow.nodes[0], ...flow.nodes.slice(2)] };
    expect(gradientFlags(after, types)[0].explanation).toMatch(/sigmoid saturation in a deep stack: the gradient shrinks by ≤ 0\.25 per sigmoid .* and 1 sigmoid lie/);
  });

  it('says ratios as people do', () => {
    expect(ratioText(1 / 31834.2)).toBe('1/31,834');
    expect(ratioText(4100)).toBe('4,100×');
  });
});

async function flowsOf(example: string, dataset: string): Promise<Extract<WorkerMessage, { type: 'gradient-flow' }>[]> {
  const messages: WorkerMessage[] = [];
  // The run writes weights beside the graph: train a copy in a temporary folder.
  const fs = await import('node:fs');
  const os = await import('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-flags-'));
  const file = path.join(dir, example);
  fs.copyFileSync(path.join(EXAMPLES_DIR, example), file);
  await runTrainingJob({ graphFile: file, overrides: { dataset, epochs: 1 }, resume: false }, (m) => messages.push(m));
  expect(messages.at(-1)!.type, JSON.stringify(messages.at(-1))).toBe('finished');
  return messages.flatMap((m) => (m.type === 'gradient-flow' ? [m] : []));
}

describe('gradient flags on real runs', () => {
  it('flag the first layers of the deep sigmoid MLP as vanishing, with the sigmoid explanation', async () => {
    const [{ flow, flags }] = await flowsOf('deep-sigmoid-mlp.nn.json', 'mnist?train=2000&test=100');
    const rms = flow.nodes.filter((n) => n.params > 0).map((n) => n.paramGradNorm! / Math.sqrt(n.params));
    console.log('deep sigmoid MLP, rms of ∂L/∂θ per layer:', rms.map((r) => r.toExponential(2)).join(' '));
    expect(flags.slice(0, 2).map((f) => [f.node, f.kind])).toEqual([['d1', 'vanishing'], ['d2', 'vanishing']]);
    expect(flags.every((f) => f.kind === 'vanishing' && f.ratio <= 1 / FLAG_RATIO)).toBe(true);
    expect(flags[0].explanation).toMatch(/sigmoid saturation in a deep stack: the gradient shrinks by ≤ 0\.25 per sigmoid .* and 10 sigmoids lie between/);
    // The decay is real: every layer's gradient is smaller than the next one's.
    for (let i = 1; i < rms.length; i++) expect(rms[i - 1]).toBeLessThan(rms[i]);
  }, 120_000);

  it('flag nothing in LeNet-5, whose earlier layers stay within 10× of its later ones', async () => {
    const [{ flow, flags }] = await flowsOf('lenet5.nn.json', 'mnist?train=2000&test=100');
    expect(flags).toEqual([]);
    const rms = flow.nodes.filter((n) => n.params > 0).map((n) => n.paramGradNorm! / Math.sqrt(n.params));
    console.log('LeNet-5, rms of ∂L/∂θ per layer:', rms.map((r) => r.toExponential(2)).join(' '));
    expect(Math.max(...rms) / Math.min(...rms)).toBeLessThan(10);
  }, 120_000);
});
