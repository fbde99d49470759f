/**
 * Thread scaling of the WASM backend, op by op: `npm run bench:threads`. W1, W2 and W3 (bench/workloads/spec.ts)
 * train with 1 and with N threads in one process, interleaved (blocks of steps alternate 1, N, N, 1, … so a busy
 * moment on a shared machine hits both alike); the figure is the median over blocks of each block's median step.
 * Every block also runs a 512³ GEMM with 1 and N threads, and each workload's N/1 ratio is printed next to the
 * GEMM's: on a VM whose single-core boost makes scaling vary run to run, that ceiling says what N threads could buy
 * in those very blocks.
 * With --ops every Backend call is timed too (a wrapper around each method; it adds a little time per call) and the
 * table shows where each thread count spends a step, so a kernel that does not scale shows up by name.
 *
 * --layers times W3's conv layers op by op, the tiled kernels against the im2col-matrix path (at the chunk that path's
 * layer runs), each with 1 and N threads, next to the GEMM ceiling (engine/kernels/wasm/split.ts); --crossover times a
 * GEMM and ReLU at growing sizes with 1 and N threads (every size threaded) to find where threading starts to pay.
 *
 * --conv tiled|batch|gemm runs the workloads on that conv path (SplitPolicy.conv; the end line gives the peak RSS,
 * so two runs compare the tiled kernels' memory with the im2col matrix's).
 *
 *   node dist/bench/threads.js [--workloads w1,w2,w3] [--threads N] [--blocks 7] [--steps 8] [--ops] [--gemm]
 *        [--layers] [--crossover] [--no-workloads] [--conv tiled|batch|gemm]
 */
import os from 'node:os';
import { median } from '../engine/bench/timing';
import type { Backend, ConvGeometry } from '../engine/kernels/backend';
import { COL_LIMIT } from '../engine/blocks/conv/conv2d.layer';
import { withTensorMemory } from '../engine/tensor/types';
import { createBackend, type SelectedBackend } from '../engine/kernels/select';
import { SPLIT_DEFAULTS, type SplitPolicy } from '../engine/kernels/wasm/split';
import { GraphRunner } from '../engine/model/runner';
import { Sgd } from '../engine/optim/sgd';
import { analyzeGraph } from '../engine/shape/analyze';
import { LEARNING_RATE, makeData, RESIDUAL, residualGraph, toGraph, workload } from './workloads/spec';

type OpClock = Map<string, { ms: number; calls: number }>;

/** The backend with every method timed into `clock` (the optimizer's methods too). */
function timedBackend(b: Backend, clock: OpClock): Backend {
  const wrap = <T extends object>(target: T, prefix: string): T => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(target)) {
      if (typeof value !== 'function') {
        out[key] = value;
        continue;
      }
      const name = prefix + key;
      const fn = value as (...a: unknown[]) => unknown;
      out[key] = (...args: unknown[]) => {
        const t0 = performance.now();
        const r = fn(...args);
        const e = clock.get(name) ?? { ms: 0, calls: 0 };
        e.ms += performance.now() - t0;
        e.calls++;
        clock.set(name, e);
        return r;
      };
    }
    return out as T;
  };
  const wrapped = wrap(b, '') as Backend & { optimizer?: Backend['optimizer'] };
  return b.optimizer ? { ...wrapped, optimizer: wrap(b.optimizer, 'optim.') } : wrapped;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
}

async function main(): Promise<void> {
  const ids = arg('--workloads', 'w1,w2,w3').split(',');
  const n = Number(arg('--threads', String(os.availableParallelism())));
  const blocks = Number(arg('--blocks', '7'));
  const stepsPerBlock = Number(arg('--steps', '8'));
  const ops = process.argv.includes('--ops');
  const conv = arg('--conv', SPLIT_DEFAULTS.conv) as SplitPolicy['conv'];
  if (!['tiled', 'batch', 'gemm'].includes(conv)) throw new Error(`--conv: tiled, batch or gemm, not '${conv}'`);
  const backends: SelectedBackend[] = [await createBackend({ threads: 1, split: { conv } }), await createBackend({ threads: n, split: { conv } })];
  const load0 = os.loadavg();
  console.log(`bench:threads — ${os.cpus()[0]?.model}, ${os.availableParallelism()} cores, node ${process.version}, load ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`backends: ${backends.map((b) => b.description).join(' | ')}; ${blocks} blocks × ${stepsPerBlock} steps each, interleaved`);
  if (process.argv.includes('--gemm')) {
    // The ceiling: a large GEMM (split by column panels, no barrier until the end) measures what a second thread
    // buys on this machine at this moment, whatever the kernels around it do.
    const m = 512;
    const a = new Float32Array(m * m).map((_, i) => Math.sin(i));
    const bm = new Float32Array(m * m).map((_, i) => Math.cos(i));
    const c = new Float32Array(m * m);
    const per: number[][] = [[], []];
    for (let b = 0; b < blocks; b++) {
      for (const i of b % 2 === 0 ? [0, 1] : [1, 0]) {
        const times: number[] = [];
        for (let s = 0; s < stepsPerBlock; s++) {
          const t0 = performance.now();
          backends[i].backend.matmul(a, bm, c, m, m, m, false);
          times.push(performance.now() - t0);
        }
        per[i].push(median(times));
      }
    }
    const g = per.map((p) => (2 * m ** 3) / (median(p) * 1e6));
    console.log(`SGEMM ${m}³: 1 thr ${g[0].toFixed(1)} GFLOP/s, ${n} thr ${g[1].toFixed(1)} GFLOP/s: ${(g[1] / g[0]).toFixed(2)}×`);
  }
  if (process.argv.includes('--layers')) await layers(n, blocks, stepsPerBlock);
  if (process.argv.includes('--crossover')) await crossover(n, blocks, stepsPerBlock);
  const gemms = backends.map((b) => gemmCeiling(b.backend));
  for (const id of process.argv.includes('--no-workloads') ? [] : ids) {
    const w = id === RESIDUAL.id ? { ...RESIDUAL, name: RESIDUAL.name } : workload(id);
    const graph = id === RESIDUAL.id ? residualGraph() : toGraph(workload(id));
    const analysis = analyzeGraph(graph);
    const { x, labels } = makeData(w);
    const clocks: OpClock[] = backends.map(() => new Map());
    const runs = backends.map((sel, i) => {
      const backend = ops ? timedBackend(sel.backend, clocks[i]) : sel.backend;
      const model = new GraphRunner(graph, analysis, { seed: 42, backend });
      const sgd = new Sgd({ backend });
      return () => {
        model.trainStep(x, w.batch, labels, 'cross-entropy');
        sgd.step(model.params, LEARNING_RATE);
      };
    });
    // Warm-up: JIT, buffers grown to size.
    for (const run of runs) for (let s = 0; s < 3; s++) run();
    for (const c of clocks) c.clear();
    // Each block also times the 512³ GEMM at 1 and N threads (the ceiling of thread scaling at that moment), so the
    // workload's N-thread ratio can be read against what a perfectly parallel kernel got in the same blocks.
    for (const g of gemms) g();
    const blockMedians: number[][] = backends.map(() => []);
    const gemmMedians: number[][] = backends.map(() => []);
    const timeBlock = (run: () => void, into: number[]) => {
      const times: number[] = [];
      for (let s = 0; s < stepsPerBlock; s++) {
        const t0 = performance.now();
        run();
        times.push(performance.now() - t0);
      }
      into.push(median(times));
    };
    for (let b = 0; b < blocks; b++) {
      const order = b % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) timeBlock(runs[i], blockMedians[i]);
      for (const i of order) timeBlock(gemms[i], gemmMedians[i]);
    }
    const ms = blockMedians.map((m) => median(m));
    const sps = ms.map((m) => (w.batch * 1000) / m);
    const ratio = sps[1] / sps[0];
    const ceiling = median(gemmMedians[0]) / median(gemmMedians[1]);
    console.log(
      `${id.toUpperCase()} ${w.name}, batch ${w.batch}: 1 thr ${ms[0].toFixed(2)} ms/step (${sps[0].toFixed(0)}/s), ` +
        `${n} thr ${ms[1].toFixed(2)} ms/step (${sps[1].toFixed(0)}/s); ${n} thr / 1 thr = ${ratio.toFixed(2)}×, ` +
        `512³ GEMM in the same blocks ${ceiling.toFixed(2)}× (workload / GEMM ${(ratio / ceiling).toFixed(2)})` +
        `  [block medians 1 thr: ${blockMedians[0].map((v) => v.toFixed(1)).join(' ')} | ${n} thr: ${blockMedians[1].map((v) => v.toFixed(1)).join(' ')}]`,
    );
    if (ops) {
      const steps = blocks * stepsPerBlock;
      const names = [...new Set(clocks.flatMap((c) => [...c.keys()]))].sort((a, b) => (clocks[0].get(b)?.ms ?? 0) - (clocks[0].get(a)?.ms ?? 0));
      console.log(`  op (ms per step, mean)            calls/step   1 thr   ${n} thr   ratio`);
      for (const name of names) {
        const a = (clocks[0].get(name)?.ms ?? 0) / steps;
        const b = (clocks[1].get(name)?.ms ?? 0) / steps;
        const calls = (clocks[0].get(name)?.calls ?? 0) / steps;
        console.log(`  ${name.padEnd(34)} ${calls.toFixed(0).padStart(5)}   ${a.toFixed(3).padStart(7)}   ${b.toFixed(3).padStart(7)}   ${(a / b).toFixed(2)}×`);
      }
    }
  }
  console.log(`load at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; conv path '${conv}'; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  const pool = backends[1].poolStats?.();
  if (pool) console.log(`worker shares run by the calling thread (the worker had not started them): ${pool.stolen} of ${pool.shared}`);
  await Promise.all(backends.map((b) => b.dispose()));
}

/** Median over interleaved blocks (order alternating) of each block's median time of `runs[i]`, in ms. */
function interleaved(runs: readonly (() => void)[], blocks: number, steps: number): number[] {
  for (const r of runs) r();
  const per: number[][] = runs.map(() => []);
  for (let b = 0; b < blocks; b++) {
    const order = runs.map((_, i) => i);
    if (b % 2) order.reverse();
    for (const i of order) {
      const times: number[] = [];
      for (let s = 0; s < steps; s++) {
        const t0 = performance.now();
        runs[i]();
        times.push(performance.now() - t0);
      }
      per[i].push(median(times));
    }
  }
  return per.map((p) => median(p));
}

/** C = A·B on 512³ with `b`: the pure-GEMM ceiling of thread scaling (no gather, no scatter, no barrier until the end). */
function gemmCeiling(b: Backend): () => void {
  const m = 512;
  return withTensorMemory(b.memory, () => {
    const a = b.memory!.float32(m * m).map((_, i) => Math.sin(i)), bm = b.memory!.float32(m * m).map((_, i) => Math.cos(i));
    const c = b.memory!.float32(m * m);
    return () => b.matmul(a, bm, c, m, m, m, false);
  });
}

/**
 * W3's conv layers op by op, old path (the im2col matrix, split by samples; a batch whose matrix passes COL_LIMIT runs
 * in chunks as conv2d.layer.ts does, and the filter gradient then re-gathers its chunk first) against the tiled
 * kernels (whole batch, no matrix), each with 1 and N threads, interleaved with the 512³ GEMM at 1 and N threads so
 * every op's N-thread scaling can be read against what a perfectly parallel GEMM got in the same blocks.
 */
async function layers(n: number, blocks: number, steps: number): Promise<void> {
  const paths = [
    { label: 'old', split: { conv: 'batch', filter: 'batch' } as const },
    { label: 'tiled', split: { conv: 'tiled' } as const },
  ];
  const selected = [];
  for (const p of paths) for (const t of [1, n]) selected.push({ ...p, threads: t, sel: await createBackend({ threads: t, split: p.split }) });
  const ceilings = [await createBackend({ threads: 1 }), await createBackend({ threads: n })];
  const gemms = ceilings.map((c) => gemmCeiling(c.backend));
  const w = workload('w3');
  let [h, wd, c] = w.input;
  console.log(
    `W3 conv layers, batch ${w.batch}, µs per sample (median of interleaved blocks): old path 1 thr / ${n} thr | tiled 1 thr / ${n} thr; ` +
      `tiled/old at 1 thr; ${n}-thr scaling of old and tiled next to the 512³ GEMM's in the same blocks`,
  );
  for (const L of w.layers) {
    if (L.t === 'pool') { h = Math.floor(h / 2); wd = Math.floor(wd / 2); }
    if (L.t !== 'conv') continue;
    const patch = L.k * L.k * c;
    const chunk = Math.min(w.batch, Math.max(1, Math.floor(COL_LIMIT / (h * wd * patch))));
    const geometryOf = (batch: number): ConvGeometry => ({
      batch, inH: h, inW: wd, inC: c, outH: h, outW: wd, outC: L.filters, kernelH: L.k, kernelW: L.k,
      strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: L.pad, padLeft: L.pad,
    });
    const calls = selected.map(({ label, sel: { backend: b } }) => withTensorMemory(b.memory, () => {
      const batch = label === 'old' ? chunk : w.batch;
      const g = geometryOf(batch);
      const rows = batch * h * wd;
      const f = (len: number) => b.memory!.float32(len).map((_, i) => Math.sin(i * 0.37));
      const x = f(batch * h * wd * c), wt = f(patch * L.filters), bias = f(L.filters), y = f(rows * L.filters);
      const col = label === 'old' ? f(rows * patch) : null, dcol = label === 'old' ? f(rows * patch) : null;
      const dx = f(x.length), dw = f(wt.length), db = f(L.filters);
      const regather = label === 'old' && chunk < w.batch;
      return {
        batch,
        forward: () => b.conv2dForward({ x, weight: wt, bias, y, col }, g),
        input: () => b.conv2dBackwardInput({ dy: y, weight: wt, dx, dcol }, g),
        filter: () => {
          if (regather) b.im2col(x, col!, g);
          b.conv2dBackwardFilter({ dy: y, x, col, dweight: dw, dbias: db }, g, false);
        },
      };
    }));
    console.log(`  ${L.k}×${L.k} ${c}→${L.filters} on ${h}×${wd} (patch ${patch}; old path in chunks of ${chunk} samples, tiled all ${w.batch})`);
    for (const op of ['forward', 'input', 'filter'] as const) {
      const ms = interleaved([...calls.map((k) => k[op]), ...gemms], blocks, steps);
      const us = calls.map((k, i) => (ms[i] * 1000) / k.batch);
      const gemmScale = ms[4] / ms[5];
      console.log(
        `    ${op.padEnd(7)} old ${us[0].toFixed(1)} / ${us[1].toFixed(1)} | tiled ${us[2].toFixed(1)} / ${us[3].toFixed(1)} µs; ` +
          `tiled/old 1 thr ${(us[2] / us[0]).toFixed(2)}; scaling old ${(us[0] / us[1]).toFixed(2)}×, tiled ${(us[2] / us[3]).toFixed(2)}×, ` +
          `GEMM ${gemmScale.toFixed(2)}× (${op === 'filter' && chunk < w.batch ? 'old includes the re-gather' : ''})`.replace(' ()', ''),
      );
    }
    c = L.filters;
  }
  await Promise.all([...selected.map((s) => s.sel.dispose()), ...ceilings.map((s) => s.dispose())]);
}

async function crossover(n: number, blocks: number, steps: number): Promise<void> {
  const selected = [await createBackend({ threads: 1 }), await createBackend({ threads: n, split: { parallelFlops: 0, parallelElements: 0 } })];
  console.log(`Crossover: 1 thr vs ${n} thr with every size threaded, µs per call (median of interleaved blocks)`);
  for (const [m, kk, nn] of [[64, 784, 10], [16, 64, 64], [32, 128, 64], [64, 128, 128], [64, 256, 128], [64, 784, 128], [128, 512, 256], [256, 512, 256]]) {
    const calls = selected.map(({ backend: b }) => withTensorMemory(b.memory, () => {
      const a = b.memory!.float32(m * kk).fill(0.5), bb = b.memory!.float32(kk * nn).fill(0.25), c = b.memory!.float32(m * nn);
      return () => b.matmul(a, bb, c, m, kk, nn, false);
    }));
    const us = interleaved(calls, blocks, steps * 4).map((x) => x * 1000);
    console.log(`  GEMM ${m}×${kk}×${nn} (${((2 * m * kk * nn) / 1e6).toFixed(2)} MFLOP): ${us[0].toFixed(0)} | ${us[1].toFixed(0)} µs (${(us[0] / us[1]).toFixed(2)}×)`);
  }
  for (const len of [1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20]) {
    const calls = selected.map(({ backend: b }) => withTensorMemory(b.memory, () => {
      const x = b.memory!.float32(len).map((_, i) => Math.sin(i)), y = b.memory!.float32(len);
      return () => b.activationForward('relu', x, y, len, 0);
    }));
    const us = interleaved(calls, blocks, steps * 4).map((x) => x * 1000);
    console.log(`  ReLU ${len} elements: ${us[0].toFixed(1)} | ${us[1].toFixed(1)} µs (${(us[0] / us[1]).toFixed(2)}×)`);
  }
  await Promise.all(selected.map((s) => s.dispose()));
}

void main();
