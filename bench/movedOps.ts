/**
 * The ops that were the last of a train step on the TypeScript kernels, now WASM kernels: `npm run bench:ops`.
 *
 * 1. Each op alone at a size a small CNN meets, one thread: the WASM backend's call against the TypeScript kernel
 *    (engine/kernels/cpu) on the same arrays, interleaved (blocks of calls alternate WASM, TS, TS, WASM, …, so a
 *    busy moment on a shared machine hits both alike); the figure is the median over blocks of each block's median.
 * 2. A train step (forward, cross-entropy, backward, SGD) of a small net that uses every one of them (GELU, layer
 *    norm, SiLU, a 2×2 transposed conv, upsampling, a three-way concat, ReLU6, global max pooling, dropout, maxout,
 *    softmax), interleaved the same way on three backends: the TypeScript kernels; the WASM backend as it was before
 *    these ops moved (the same backend with exactly these ops handed back to the TypeScript kernels); and the WASM
 *    backend now. One thread each.
 *   node dist/bench/movedOps.js [--blocks 7] [--calls 10] [--steps 4]
 */
import os from 'node:os';
import { median } from '../engine/bench/timing';
import type { Graph } from '../engine/graph/types';
import type { Backend } from '../engine/kernels/backend';
import { cpuBackend } from '../engine/kernels/cpu';
import { createBackend } from '../engine/kernels/select';
import { GraphRunner } from '../engine/model/runner';
import { Sgd } from '../engine/optim/sgd';
import { Rng } from '../engine/random/rng';
import { analyzeGraph } from '../engine/shape/analyze';
import { withTensorMemory } from '../engine/tensor/types';

const MOVED = [
  'softmaxForward', 'softmaxBackward', 'layerNormForward', 'layerNormBackward', 'geluForward', 'geluBackward',
  'siluForward', 'siluBackward', 'relu6Forward', 'relu6Backward', 'maxoutForward', 'maxoutBackward',
  'globalMaxPoolForward', 'globalMaxPoolBackward', 'copyColumns', 'sliceColumns', 'upsampleForward', 'upsampleBackward',
  'conv2dTransposeForward', 'conv2dTransposeBackward', 'multiply', 'sigmoidBinaryCrossEntropy', 'squaredError',
] as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Per run, the median over blocks of each block's median time (ms); runs alternate in ABBA order. */
function interleaved(runs: readonly (() => void)[], blocks: number, calls: number): number[] {
  for (const r of runs) for (let i = 0; i < 2; i++) r();
  const perRun = runs.map(() => [] as number[]);
  for (let b = 0; b < blocks; b++) {
    const order = b % 2 === 0 ? runs.map((_, i) => i) : runs.map((_, i) => runs.length - 1 - i);
    for (const i of order) {
      const times: number[] = [];
      for (let s = 0; s < calls; s++) {
        const t0 = performance.now();
        runs[i]();
        times.push(performance.now() - t0);
      }
      perRun[i].push(median(times));
    }
  }
  return perRun.map((v) => median(v));
}

/** The small net of part 2: 32×32×3 input, 10 classes. */
function movedOpsGraph(): Graph {
  const nodes = [
    { id: 'in', type: 'input', attrs: { shape: [32, 32, 3] } },
    { id: 'c1', type: 'conv2d', attrs: { filters: 16, kernel: 3, padding: 1 } },
    { id: 'g1', type: 'gelu', attrs: {} },
    { id: 'ln1', type: 'layernorm', attrs: {} },
    { id: 'p1', type: 'maxpool2d', attrs: { kernel: 2 } },
    { id: 'c2', type: 'conv2d', attrs: { filters: 32, kernel: 3, padding: 1 } },
    { id: 's2', type: 'silu', attrs: {} },
    { id: 'up', type: 'conv2dtranspose', attrs: { filters: 16, kernel: 2, stride: 2 } },
    { id: 'us', type: 'upsample2d', attrs: { scale: 2, mode: 'bilinear' } },
    { id: 'cat', type: 'concat', attrs: {} },
    { id: 'r6', type: 'relu6', attrs: {} },
    { id: 'p2', type: 'maxpool2d', attrs: { kernel: 2 } },
    { id: 'c3', type: 'conv2d', attrs: { filters: 32, kernel: 3, padding: 1 } },
    { id: 'gmp', type: 'globalmaxpool', attrs: {} },
    { id: 'drop', type: 'dropout', attrs: { rate: 0.2 } },
    { id: 'mo', type: 'maxout', attrs: { units: 32, pieces: 2 } },
    { id: 'fc', type: 'dense', attrs: { units: 10 } },
    { id: 'sm', type: 'softmax', attrs: {} },
  ];
  const chain = (ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));
  const edges = [
    ...chain(['in', 'c1', 'g1', 'ln1', 'p1', 'c2', 's2', 'up']),
    { from: 's2', to: 'us' },
    { from: 'ln1', to: 'cat' }, { from: 'up', to: 'cat' }, { from: 'us', to: 'cat' },
    ...chain(['cat', 'r6', 'p2', 'c3', 'gmp', 'drop', 'mo', 'fc', 'sm']),
  ];
  return { name: 'moved-ops', nodes, edges, layout: {} } as unknown as Graph;
}

async function main(): Promise<void> {
  const blocks = Number(arg('--blocks', '7'));
  const calls = Number(arg('--calls', '10'));
  const steps = Number(arg('--steps', '4'));
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`WASM (1 thread) vs TypeScript kernels on the moved ops — ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${load()}\n`);
  const selected = await createBackend({ threads: 1 });
  const wasm = selected.backend;
  const rng = new Rng(1);
  const heap = (n: number) => {
    const a = withTensorMemory(wasm.memory, () => wasm.memory!.float32(n));
    for (let i = 0; i < n; i++) a[i] = rng.normal();
    return a;
  };
  const ints = (n: number) => withTensorMemory(wasm.memory, () => wasm.memory!.int32(n));

  // Sizes from the net of part 2 at batch 32 (and the concat's 64 columns).
  const B = 32, P = 32 * 32, C = 16;
  const x = heap(B * P * C), y = heap(B * P * C), dy = heap(B * P * C), dx = heap(B * P * C), xhat = heap(B * P * C);
  const gamma = heap(C), beta = heap(C), dgamma = heap(C), dbeta = heap(C), invStd = heap(B * P);
  const logits = heap(B * 10), probs = heap(B * 10), dlogits = heap(B * 10);
  const wide = heap(B * P * 64), arg32 = ints(B * P * C);
  const tcx = heap(B * 16 * 16 * 32), tcw = heap(2 * 2 * 16 * 32), tcb = heap(16), tcdw = heap(2 * 2 * 16 * 32), tcdx = heap(B * 16 * 16 * 32);
  const tcCol = heap(B * 16 * 16 * 2 * 2 * 16), usx = heap(B * 16 * 16 * 32), usy = heap(B * P * 32);
  const tg = { batch: B, inH: 16, inW: 16, inC: 32, outH: 32, outW: 32, outC: 16, kernelH: 2, kernelW: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0 };
  const ug = { batch: B, inH: 16, inW: 16, channels: 32, scaleH: 2, scaleW: 2 };
  const n = B * P * C;
  const cases: [string, (b: Backend) => void][] = [
    [`softmax forward ${B}×10`, (b) => b.softmaxForward(logits, probs, B, 10)],
    [`softmax backward ${B}×10`, (b) => b.softmaxBackward(probs, logits, dlogits, B, 10)],
    [`softmax forward ${B * P}×${C}`, (b) => b.softmaxForward(x, y, B * P, C)],
    [`layer norm forward ${B * P}×${C}`, (b) => b.layerNormForward({ x, gamma, beta, y, xhat, invStd }, B * P, C, 1e-5)],
    [`layer norm backward ${B * P}×${C}`, (b) => b.layerNormBackward({ dy, xhat, gamma, invStd, dx, dgamma, dbeta }, B * P, C)],
    [`GELU forward ${n}`, (b) => b.geluForward(x, y, n)],
    [`GELU backward ${n}`, (b) => b.geluBackward(x, dy, dx, n)],
    [`SiLU forward ${n}`, (b) => b.siluForward(x, y, n)],
    [`SiLU backward ${n}`, (b) => b.siluBackward(x, dy, dx, n)],
    [`ReLU6 forward ${n}`, (b) => b.relu6Forward(x, y, n)],
    [`ReLU6 backward ${n}`, (b) => b.relu6Backward(x, dy, dx, n)],
    [`dropout mask product ${n}`, (b) => b.multiply(x, dy, y, n)],
    [`maxout forward ${B}×32×2`, (b) => b.maxoutForward(x, y, arg32, B, 32, 2)],
    [`global max pool fwd ${B}×${P}×${C}`, (b) => b.globalMaxPoolForward(x, y, arg32, B, P, C)],
    [`global max pool bwd ${B}×${P}×${C}`, (b) => b.globalMaxPoolBackward(dy, arg32, dx, B, P, C)],
    [`concat copy ${B * P}×16 of 64`, (b) => b.copyColumns(x, wide, B * P, 16, 64, 16)],
    [`concat slice ${B * P}×16 of 64`, (b) => b.sliceColumns(wide, dx, B * P, 16, 64, 16)],
    ['upsample nearest fwd 16²×32 ×2', (b) => b.upsampleForward('nearest', usx, usy, ug)],
    ['upsample bilinear fwd 16²×32 ×2', (b) => b.upsampleForward('bilinear', usx, usy, ug)],
    ['upsample bilinear bwd 16²×32 ×2', (b) => b.upsampleBackward('bilinear', usy, usx, ug)],
    ['transposed conv fwd 16²×32→16 k2s2', (b) => b.conv2dTransposeForward({ x: tcx, weight: tcw, bias: tcb, y: usy, col: tcCol }, tg)],
    ['transposed conv bwd 16²×32→16 k2s2', (b) => b.conv2dTransposeBackward({ dy: usy, x: tcx, weight: tcw, dx: tcdx, dweight: tcdw, dbias: tcb, col: tcCol }, tg, false)],
    [`binary cross-entropy ${n}`, (b) => b.sigmoidBinaryCrossEntropy(x, y, dx, n, 1 / n)],
    [`squared error ${n}`, (b) => b.squaredError(x, y, dx, n, 1 / n)],
  ];
  console.log('op (batch 32)                            WASM ms   TS ms   TS / WASM');
  for (const [what, run] of cases) {
    const [w, t] = interleaved([() => run(wasm), () => run(cpuBackend)], blocks, calls);
    console.log(`  ${what.padEnd(38)} ${w.toFixed(3).padStart(8)} ${t.toFixed(3).padStart(8)}   ${(t / w).toFixed(1).padStart(6)}×`);
  }

  const graph = movedOpsGraph();
  const analysis = analyzeGraph(graph);
  const before: Backend = { ...wasm, ...Object.fromEntries(MOVED.map((op) => [op, cpuBackend[op]])) };
  const batch = 32;
  const data = new Rng(7);
  const input = Float32Array.from({ length: batch * 32 * 32 * 3 }, () => data.normal());
  const labels = Int32Array.from({ length: batch }, () => data.int(10));
  const trainer = (backend: Backend) => {
    const model = new GraphRunner(graph, analysis, { seed: 42, backend });
    const sgd = new Sgd({ backend });
    return () => {
      model.trainStep(input, batch, labels, 'cross-entropy');
      sgd.step(model.params, 0.01);
    };
  };
  const runs = [trainer(cpuBackend), trainer(before), trainer(wasm)];
  console.log(`\ntrain step of the moved-ops net (${graph.nodes.length} nodes, batch ${batch}), one thread, interleaved:`);
  const [ts, old, now] = interleaved(runs, blocks, steps);
  const rate = (ms: number) => `${(batch / ms * 1000).toFixed(0).padStart(6)} samples/s (${ms.toFixed(1)} ms)`;
  console.log(`  TypeScript kernels                          ${rate(ts)}`);
  console.log(`  WASM, the moved ops on the TS kernels       ${rate(old)}`);
  console.log(`  WASM, every op                              ${rate(now)}`);
  console.log(`  WASM every op / WASM before: ${(old / now).toFixed(2)}×;  / TypeScript kernels: ${(ts / now).toFixed(2)}×`);
  console.log(`\nload average at the end: ${load()}`);
  await selected.dispose();
}

void main();
