/**
 * Load figures: shape inference of a 10,000-node graph (against a 1,000-node one in the same run, for scale), and a
 * soak of many short training runs in one process (as in one extension host), with the heap before and after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Graph, GraphNode } from '../../engine/graph/types';
import { runTrainingJob } from '../../engine/train/job';
import { analyzeGraph } from '../../engine/shape/analyze';

/** A ResNet-like stack: conv → batchnorm → relu blocks with an add shortcut, then a classifier head. */
export function residualGraph(count: number): Graph {
  const nodes: GraphNode[] = [{ id: 'input', type: 'input', attrs: { shape: [32, 32, 16] } }];
  const edges: { from: string; to: string }[] = [];
  let prev = 'input';
  for (let i = 0; nodes.length < count - 3; i++) {
    const [c, bn, r, add] = [`c${i}`, `bn${i}`, `r${i}`, `add${i}`];
    nodes.push({ id: c, type: 'conv2d', attrs: { filters: 16, kernel: 3, padding: 1 } }, { id: bn, type: 'batchnorm', attrs: {} }, { id: r, type: 'relu', attrs: {} }, { id: add, type: 'add', attrs: {} });
    edges.push({ from: prev, to: c }, { from: c, to: bn }, { from: bn, to: r }, { from: r, to: add }, { from: prev, to: add });
    prev = add;
  }
  for (const [id, type, attrs] of [['gap', 'globalavgpool', {}], ['fc', 'dense', { units: 10 }], ['softmax', 'softmax', {}]] as const) {
    nodes.push({ id, type, attrs });
    edges.push({ from: prev, to: id });
    prev = id;
  }
  return { name: 'load', nodes, edges, layout: {} };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function inferenceLoad(): { nodes: number; ms: number; peerNodes: number; peerMs: number; errors: number } {
  const big = residualGraph(10_000);
  const small = residualGraph(1_000);
  const time = (g: Graph, runs: number) =>
    median(
      Array.from({ length: runs }, () => {
        const t0 = performance.now();
        analyzeGraph(g);
        return performance.now() - t0;
      }),
    );
  const errors = analyzeGraph(big).diagnostics.filter((d) => d.severity === 'error').length;
  return { nodes: big.nodes.length, ms: time(big, 5), peerNodes: small.nodes.length, peerMs: time(small, 15), errors };
}

export async function soak(runs: number): Promise<{ runs: number; finished: number; heapBeforeMb: number; heapAfterMb: number; seconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-soak-'));
  const file = path.join(dir, 'soak.nn.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      format: 'wiregrad.graph',
      version: 1,
      name: 'soak',
      nodes: [{ id: 'input', type: 'input', shape: [1] }, { id: 'h', type: 'dense', units: 16 }, { id: 'a', type: 'tanh' }, { id: 'out', type: 'dense', units: 1 }],
      edges: [{ from: 'input', to: 'h' }, { from: 'h', to: 'a' }, { from: 'a', to: 'out' }],
      training: { dataset: 'x2?train=200&test=50', batchSize: 16, epochs: 2 },
    }),
  );
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const t0 = performance.now();
  let finished = 0;
  const one = async () => {
    let last = '';
    await runTrainingJob({ graphFile: file, overrides: {}, resume: false, progressIntervalMs: 0 }, (m) => (last = m.type));
    if (last === 'finished') finished++;
  };
  for (let i = 0; i < 5; i++) await one(); // warm-up: code compiled, caches filled
  const before = heap();
  for (let i = 0; i < runs; i++) await one();
  const after = heap();
  return { runs, finished: finished - 5, heapBeforeMb: before, heapAfterMb: after, seconds: (performance.now() - t0) / 1000 };
}
