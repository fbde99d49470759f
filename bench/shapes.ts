/**
 * `npm run bench:shapes`: how long shape inference takes after one attribute change in a 1,000-node graph — what
 * the editor pays on every keystroke. Prints figures (median of many runs) and a ratio against a full, non-incremental
 * analysis measured in the same run; asserts nothing (the machine is shared and absolute times drift).
 */
import { performance } from 'node:perf_hooks';
import { parseGraphText } from '../engine/graph/parse';
import { serializeGraph } from '../engine/graph/serialize';
import type { Graph, GraphNode } from '../engine/graph/types';
import { analyzeGraph } from '../engine/shape/analyze';

/** A ResNet-like stack of 1,000 nodes: conv → batchnorm → relu blocks with an add shortcut every block. */
function bigGraph(count: number): Graph {
  const nodes: GraphNode[] = [{ id: 'input', type: 'input', attrs: { shape: [64, 64, 16] } }];
  const edges: { from: string; to: string }[] = [];
  let prev = 'input';
  let i = 0;
  while (nodes.length < count - 4) {
    const block = [`c${i}`, `bn${i}`, `r${i}`, `add${i}`];
    nodes.push({ id: block[0], type: 'conv2d', attrs: { filters: 16, kernel: 3, padding: 1 } });
    nodes.push({ id: block[1], type: 'batchnorm', attrs: {} });
    nodes.push({ id: block[2], type: 'relu', attrs: {} });
    nodes.push({ id: block[3], type: 'add', attrs: {} });
    edges.push({ from: prev, to: block[0] }, { from: block[0], to: block[1] }, { from: block[1], to: block[2] });
    edges.push({ from: block[2], to: block[3] }, { from: prev, to: block[3] });
    prev = block[3];
    i++;
  }
  for (const [id, type, attrs] of [
    ['gap', 'globalavgpool', {}],
    ['fc', 'dense', { units: 10 }],
    ['softmax', 'softmax', {}],
  ] as const) {
    nodes.push({ id, type, attrs });
    edges.push({ from: prev, to: id });
    prev = id;
  }
  return { name: 'bench', nodes, edges, layout: {} };
}

/** A plain chain of shape-preserving conv/relu pairs: a change at the head really changes every node below. */
function chainGraph(count: number): Graph {
  const nodes: GraphNode[] = [{ id: 'input', type: 'input', attrs: { shape: [32, 32, 16] } }];
  const edges: { from: string; to: string }[] = [];
  for (let i = 1; i < count; i++) {
    const id = i % 2 ? `c${i}` : `r${i}`;
    nodes.push(i % 2 ? { id, type: 'conv2d', attrs: { filters: 16, kernel: 3, padding: 1 } } : { id, type: 'relu', attrs: {} });
    edges.push({ from: nodes[i - 1].id, to: id });
  }
  return { name: 'chain', nodes, edges, layout: {} };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function withAttr(g: Graph, id: string, key: string, value: number | boolean): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id ? { ...n, attrs: { ...n.attrs, [key]: value } } : n)) };
}

function measure(label: string, runs: number, fn: (i: number) => void): number {
  for (let i = 0; i < 20; i++) fn(i); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    times.push(performance.now() - t);
  }
  const m = median(times);
  console.log(`${label.padEnd(62)} median ${m.toFixed(3)} ms   (p90 ${[...times].sort((a, b) => a - b)[Math.floor(runs * 0.9)].toFixed(3)} ms, ${runs} runs)`);
  return m;
}

const g = bigGraph(1000);
console.log(`graph: ${g.nodes.length} nodes, ${g.edges.length} edges`);
const full = measure('full analysis (no previous result)', 200, () => analyzeGraph(g));
let prev = analyzeGraph(g);
const midConv = g.nodes.find((n) => n.id === 'c200')!.id;
const lastFc = 'fc';
const mid = measure(`incremental: toggle ${midConv}.bias (shape kept: stops at the node)`, 300, (i) => {
  prev = analyzeGraph(withAttr(g, midConv, 'bias', i % 2 === 0), prev);
});
const tail = measure(`incremental: change ${lastFc}.units (the last layers only)`, 300, (i) => {
  prev = analyzeGraph(withAttr(g, lastFc, 'units', 10 + (i % 2)), prev);
});
const c = chainGraph(1000);
let prevChain = analyzeGraph(c);
const fullChain = measure('chain of 1,000: full analysis', 100, () => analyzeGraph(c));
const head = measure('chain of 1,000: change c1.padding (every node downstream changes)', 100, (i) => {
  prevChain = analyzeGraph(withAttr(c, 'c1', 'padding', i % 2 ? 1 : 2), prevChain);
});
const text = serializeGraph(g);
const keystroke = measure('parse text + incremental analysis (the editor, per keystroke)', 100, (i) => {
  const parsed = parseGraphText(text.replace('"units": 10', `"units": ${10 + (i % 2)}`));
  prev = analyzeGraph(parsed.graph!, prev);
});
console.log('');
console.log(`after one attribute change in a 1,000-node graph: ${tail.toFixed(3)} ms (tail) / ${mid.toFixed(3)} ms (middle) median; target < 5 ms`);
console.log(`worst case (a change at the head of a 1,000-node chain re-infers every node): ${head.toFixed(3)} ms`);
console.log(`incremental vs full analysis in the same run: ${(full / tail).toFixed(1)}× faster (tail), ${(full / mid).toFixed(1)}× (middle), ${(fullChain / head).toFixed(1)}× (head of chain)`);
console.log(`per keystroke including parsing ${text.length.toLocaleString('en-US')} characters: ${keystroke.toFixed(3)} ms`);
