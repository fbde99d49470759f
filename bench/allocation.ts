/**
 * What a steady-state train step allocates on the JS heap: `npm run bench:alloc`. Each cell (workload × kernels ×
 * threads) runs in a fresh Node process (so its peak RSS is its own): 30 warm-up steps (buffers grown to size,
 * JIT), then 200 train steps (forward + softmax cross-entropy + backward + SGD, as `npm run bench`) under V8's
 * GCProfiler, which reports every garbage collection with the heap's size before and after it. Printed per cell:
 * the collections (scavenges / mark-compacts), the bytes allocated per step (Σ bytes freed by the collections plus
 * the growth of the used heap, over the steps), the used heap's growth after a full collection, and peak RSS.
 *   npm run bench:alloc                  W2 and W3, WASM 1 and 2 threads and the TypeScript kernels
 *   npm run bench:alloc -- --steps 500   more steps
 *   npm run bench:alloc -- --no-ts       the WASM cells only (W3 on the TypeScript kernels takes minutes)
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import v8 from 'node:v8';
import { createBackend } from '../engine/kernels/select';
import { GraphRunner } from '../engine/model/runner';
import { Sgd } from '../engine/optim/sgd';
import { analyzeGraph } from '../engine/shape/analyze';
import { LEARNING_RATE, makeData, toGraph, workload } from './workloads/spec';

const WARMUP = 30;

interface CellFigures {
  readonly workload: string;
  readonly kernels: string;
  readonly steps: number;
  readonly scavenges: number;
  readonly markCompacts: number;
  readonly bytesPerStep: number;
  readonly heapGrowth: number;
  readonly peakRssMiB: number;
  readonly msPerStep: number;
}

interface GcStat {
  readonly gcType: string;
  readonly beforeGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
  readonly afterGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
}
interface GcProfilerLike {
  start(): void;
  stop(): { statistics: GcStat[] } | undefined;
}

async function cell(id: string, kernels: 'wasm' | 'cpu', threads: number, steps: number): Promise<CellFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const selected = await createBackend({ threads, prefer: kernels });
  const w = workload(id);
  const graph = toGraph(w);
  const model = new GraphRunner(graph, analyzeGraph(graph), { seed: 42, backend: selected.backend });
  const sgd = new Sgd({ backend: selected.backend });
  const { x, labels } = makeData(w);
  const step = () => {
    model.trainStep(x, w.batch, labels, 'cross-entropy');
    sgd.step(model.params, LEARNING_RATE);
  };
  for (let i = 0; i < WARMUP; i++) step();
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const Profiler = (v8 as unknown as { GCProfiler: new () => GcProfilerLike }).GCProfiler;
  const profiler = new Profiler();
  profiler.start();
  const used0 = v8.getHeapStatistics().used_heap_size;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const ms = performance.now() - t0;
  const used1 = v8.getHeapStatistics().used_heap_size;
  const stats = profiler.stop()?.statistics ?? [];
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  let freed = 0;
  for (const s of stats) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
  await selected.dispose();
  return {
    workload: id.toUpperCase(),
    kernels: selected.description,
    steps,
    scavenges: stats.filter((s) => s.gcType === 'Scavenge' || s.gcType === 'MinorMarkSweep').length,
    markCompacts: stats.filter((s) => s.gcType === 'MarkSweepCompact').length,
    bytesPerStep: (freed + used1 - used0) / steps,
    heapGrowth: heap1 - heap0,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    msPerStep: ms / steps,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const stepsAt = args.indexOf('--steps');
  const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : 200;
  const cellAt = args.indexOf('--cell');
  if (cellAt >= 0) {
    const [id, kernels, threads] = args.slice(cellAt + 1, cellAt + 4);
    cell(id, kernels as 'wasm' | 'cpu', Number(threads), steps).then(
      (f) => process.stdout.write(`${JSON.stringify(f)}\n`),
      (e: unknown) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exit(1); },
    );
    return;
  }
  console.log(`JS heap allocation of a steady-state train step — ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(`${steps} steps after ${WARMUP} warm-up steps, one process per cell\n`);
  console.log('workload  kernels                                   scavenges  mark-compacts  bytes/step  heap growth  peak RSS  ms/step');
  for (const id of ['w2', 'w3']) {
    const cells = [['wasm', 1], ['wasm', 2], ['cpu', 1]] as const;
    for (const [kernels, threads] of cells.filter(([k]) => k === 'wasm' || !args.includes('--no-ts'))) {
      const r = spawnSync(process.execPath, ['--expose-gc', __filename, '--cell', id, kernels, String(threads), '--steps', String(steps)], { encoding: 'utf8' });
      if (r.status !== 0) {
        console.log(`${id.toUpperCase()} ${kernels} ${threads}: failed\n${r.stderr}`);
        continue;
      }
      const f = JSON.parse(r.stdout.trim().split('\n').pop()!) as CellFigures;
      console.log(
        `${f.workload.padEnd(9)} ${f.kernels.slice(0, 40).padEnd(41)} ${String(f.scavenges).padStart(9)}  ${String(f.markCompacts).padStart(13)}` +
        `  ${f.bytesPerStep.toFixed(0).padStart(10)}  ${(f.heapGrowth / 1024).toFixed(0).padStart(8)} KiB  ${String(f.peakRssMiB).padStart(4)} MiB  ${f.msPerStep.toFixed(2).padStart(7)}`,
      );
    }
  }
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main();
