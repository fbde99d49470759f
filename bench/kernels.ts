/**
 * Kernel and model throughput of the cpu backend, with TensorFlow.js' cpu backend as the peer measured in the same
 * run (same network, same batch): `npm run bench:kernels`.
 *
 * Prints samples/s of a LeNet-5 train step (batch 64, 28×28×1: conv5/6 p2 relu pool conv5/16 relu pool dense120
 * relu dense84 relu dense10, softmax cross-entropy, forward + backward; no optimizer) and of inference, GFLOP/s of
 * the matmul forms on the shapes LeNet uses, and the per-kernel split of a train step. Figures are median steps, in
 * wall time and in this process' CPU time; the machine may be shared, so the load average is printed too.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import os from 'node:os';
import type { Graph } from '../engine/graph/types';
import type { Backend } from '../engine/kernels/backend';
import { cpuBackend } from '../engine/kernels/cpu';
import { GraphRunner } from '../engine/model/runner';
import { Rng } from '../engine/random/rng';
import { analyzeGraph } from '../engine/shape/analyze';

const BATCH = 64;
const LENET_MACS = 416_520; // per sample, forward (bench/peers WORKLOADS.md)

function lenet(): Graph {
  const layers: [string, string, Record<string, number>][] = [
    ['c1', 'conv2d', { filters: 6, kernel: 5, padding: 2 }], ['r1', 'relu', {}], ['p1', 'maxpool2d', { kernel: 2 }],
    ['c2', 'conv2d', { filters: 16, kernel: 5 }], ['r2', 'relu', {}], ['p2', 'maxpool2d', { kernel: 2 }],
    ['f1', 'dense', { units: 120 }], ['r3', 'relu', {}], ['f2', 'dense', { units: 84 }], ['r4', 'relu', {}],
    ['f3', 'dense', { units: 10 }],
  ];
  const nodes = [{ id: 'in', type: 'input', attrs: { shape: [28, 28, 1] } }, ...layers.map(([id, type, attrs]) => ({ id, type, attrs }))];
  return { name: 'lenet5', nodes, edges: nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })), layout: {} };
}

/**
 * Median time (ms) of one `run`, after a warm-up, over at least `minSteps` steps and `minMs` milliseconds: wall
 * time, and CPU time of this process (which time slices lost to other processes on a shared machine do not inflate).
 */
function median(run: () => void, minSteps = 10, minMs = 3000): { wall: number; cpu: number } {
  const warm = performance.now();
  while (performance.now() - warm < 1000) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (wall.length < minSteps || performance.now() - start < minMs) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    wall.push(performance.now() - t0);
  }
  const mid = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
  return { wall: mid(wall), cpu: mid(cpu) };
}

function main(): void {
  const rng = new Rng(1);
  const x = Float32Array.from({ length: BATCH * 784 }, () => rng.normal());
  const labels = Int32Array.from({ length: BATCH }, () => rng.int(10));
  const graph = lenet();
  const analysis = analyzeGraph(graph);
  const model = new GraphRunner(graph, analysis, { seed: 1 });
  const load = () => os.loadavg()[0].toFixed(1);
  console.log(`wiregrad kernel benchmark — ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${load()}\n`);

  const trainMs = median(() => model.trainStep(x, BATCH, labels, 'cross-entropy'));
  const inferMs = median(() => model.forward(x, BATCH, 'eval'));

  tf.setBackend('cpu');
  const peer = tfLenet();
  const X = tf.tensor4d(x, [BATCH, 28, 28, 1]);
  const peerInferMs = median(() => tf.tidy(() => peer(X).dataSync()), 5, 3000);

  const rate = (ms: number) => (BATCH / ms * 1000).toFixed(0).padStart(9);
  const gflops = (ms: number, flopsPerSample: number) => ((BATCH * flopsPerSample) / ms / 1e6).toFixed(2).padStart(7);
  console.log('LeNet-5, batch 64          samples/s (wall)   GFLOP/s   samples/s (CPU time)');
  const row = (what: string, t: { wall: number; cpu: number }, flops: number) =>
    console.log(`  ${what.padEnd(24)} ${rate(t.wall)}        ${gflops(t.wall, flops)}   ${rate(t.cpu)}`);
  row('train step (fwd + bwd)', trainMs, 6 * LENET_MACS);
  row('inference', inferMs, 2 * LENET_MACS);
  row('inference, tfjs-cpu', peerInferMs, 2 * LENET_MACS);
  console.log(`  ratio inference wiregrad / tfjs-cpu: ${(peerInferMs.wall / inferMs.wall).toFixed(2)}× (wall), ${(peerInferMs.cpu / inferMs.cpu).toFixed(2)}× (CPU)\n`);

  console.log('matmul (float32)                 GFLOP/s (CPU time)');
  for (const [m, k, n, what] of [[50176, 25, 6, 'conv1 forward'], [6400, 150, 16, 'conv2 forward'], [64, 400, 120, 'dense 400→120'], [256, 256, 256, 'square 256']] as const) {
    const a = Float32Array.from({ length: m * k }, () => rng.normal());
    const b = Float32Array.from({ length: k * n }, () => rng.normal());
    const c = new Float32Array(m * n);
    const line = (form: string, t: { cpu: number }) => console.log(`  ${`${what} ${form}`.padEnd(30)} ${((2 * m * k * n) / t.cpu / 1e6).toFixed(2).padStart(6)}`);
    line('A·B', median(() => cpuBackend.matmul(a, b, c, m, k, n, false), 5, 1000));
    line('A·Bᵀ', median(() => cpuBackend.matmulTransB(a, b, c, m, k, n, false), 5, 1000));
    line('Aᵀ·B', median(() => cpuBackend.matmulTransA(a, b, c, m, k, n, false), 5, 1000));
  }

  console.log('\ntrain step split by kernel (ms per step)');
  const spent = new Map<string, number>();
  const timed = Object.fromEntries(
    Object.entries(cpuBackend).map(([name, f]) => [
      name,
      typeof f !== 'function' ? f : (...args: unknown[]) => {
        const t0 = performance.now();
        const r = (f as (...a: unknown[]) => unknown)(...args);
        spent.set(name, (spent.get(name) ?? 0) + performance.now() - t0);
        return r;
      },
    ]),
  ) as unknown as Backend;
  const profiled = new GraphRunner(graph, analysis, { seed: 1, backend: timed });
  for (let i = 0; i < 5; i++) profiled.trainStep(x, BATCH, labels, 'cross-entropy');
  spent.clear();
  const steps = 20;
  for (let i = 0; i < steps; i++) profiled.trainStep(x, BATCH, labels, 'cross-entropy');
  for (const [name, ms] of [...spent].sort((p, q) => q[1] - p[1])) console.log(`  ${name.padEnd(24)} ${(ms / steps).toFixed(2).padStart(7)}`);
  console.log(`\nload average at the end: ${load()}`);
}

/** The same LeNet-5 in tfjs ops (random weights: only the speed matters). */
function tfLenet(): (x: tf.Tensor4D) => tf.Tensor {
  const w = (shape: number[]) => tf.randomNormal(shape, 0, 0.1);
  const c1 = w([5, 5, 1, 6]), c2 = w([5, 5, 6, 16]), f1 = w([400, 120]), f2 = w([120, 84]), f3 = w([84, 10]);
  return (x) => {
    let h: tf.Tensor4D = tf.maxPool(tf.relu(tf.conv2d(x, c1 as tf.Tensor4D, 1, 'same')), 2, 2, 'valid');
    h = tf.maxPool(tf.relu(tf.conv2d(h, c2 as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid');
    const flat = tf.reshape(h, [BATCH, 400]);
    return tf.matMul(tf.relu(tf.matMul(tf.relu(tf.matMul(flat, f1 as tf.Tensor2D)), f2 as tf.Tensor2D)), f3 as tf.Tensor2D);
  };
}

main();
