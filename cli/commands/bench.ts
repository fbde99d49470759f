/**
 * `wiregrad bench FILE [options]`: what a design costs on this machine. Trains the graph on a fixed random batch
 * with the backend the trainer would pick (engine/kernels/select.ts) and prints training and inference samples/s
 * and the time of every node's forward and backward, most expensive first (engine/bench/graphBench.ts).
 */
import os from 'node:os';
import { benchGraph, type GraphBenchResult } from '../../engine/bench/graphBench';
import { DEFAULT_PLAN, type TimingPlan } from '../../engine/bench/timing';
import { createBackend, type SelectedBackend } from '../../engine/kernels/select';
import type { LossKind } from '../../engine/loss/loss';
import { ModelBuildError } from '../../engine/model/model';
import { analyzeGraph } from '../../engine/shape/analyze';
import { formatShape } from '../../engine/shape/format';
import { parseTrainingSection } from '../../engine/train/config';
import { defaultMemoryBudget, estimateTrainingMemory, memoryBudgetProblem } from '../../engine/train/memory';
import { CliError } from '../errors';
import { loadGraphFile } from '../loadGraph';
import { printOut } from '../terminalText';
import type { Command } from './command';
import { parseArgs } from '../args';

const MAX_BATCH = 65_536;
const MAX_THREADS = 256;
const MAX_STEPS = 100_000;
const PROFILE_STEPS = 20;

const USAGE = `Usage: wiregrad bench FILE [--batch-size N] [--threads N] [--backend wasm|cpu] [--steps N] [--json]

Trains the graph on one fixed batch of random data (standard normal inputs; random classes for a vector output,
random values otherwise) and prints samples/s of a training step (forward + loss + backward + the optimizer of the
file's training section, or SGD) and of inference (forward only), then the time of every node's forward and
backward in a training step, most expensive first, with its share of the step. Steps are timed after a warm-up
until at least ${DEFAULT_PLAN.minSteps} steps and ${DEFAULT_PLAN.minMs / 1000} s; the figure is the median step.
  --batch-size N        samples per step, 1 to ${MAX_BATCH} (default: the file's training.batchSize, else 64)
  --threads N           worker threads of the backend, 1 to ${MAX_THREADS} (default: every core)
  --backend wasm|cpu    wasm: the fastest WebAssembly build this runtime supports (the default choice);
                        cpu: the TypeScript reference kernels
  --steps N             time exactly N steps after one warm-up step (quick runs)
  --memory-budget MB    refuse designs estimated to need more (default: half the free memory)
  --json                print the figures as JSON

Exit status: 0 measured, 1 the graph or its "training" section has errors, it cannot be trained or would not fit
in memory, 2 the file cannot be read or parsed, or bad usage.`;

const VALUE_FLAGS = ['--batch-size', '--threads', '--backend', '--steps', '--memory-budget'] as const;
const BOOLEAN_FLAGS = ['--json'] as const;

function wholeNumber(values: ReadonlyMap<string, string>, flag: string, min: number, max: number): number | undefined {
  const raw = values.get(flag);
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
    throw new CliError(`${flag} needs a whole number from ${min} to ${max}; got ${raw}.`);
  }
  return v;
}

export interface BenchReport {
  readonly file: string;
  readonly graph: string;
  readonly backend: SelectedBackend['name'];
  readonly backendDescription: string;
  readonly threads: number;
  readonly batchSize: number;
  readonly loss: LossKind;
  readonly optimizer: string;
  readonly learningRate: number;
  readonly trainSamplesPerSec: number;
  readonly inferSamplesPerSec: number;
  readonly trainStepMs: number;
  readonly inferStepMs: number;
  readonly trainSteps: number;
  readonly inferSteps: number;
  readonly profiledSteps: number;
  readonly profiledStepMs: number;
  readonly nodes: GraphBenchResult['profile']['nodes'];
  readonly optimizerMs: number;
  readonly otherMs: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly peakRssBytes: number;
  readonly loadAverage: readonly [number, number];
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
}

export const bench: Command = {
  summary: 'measure training and inference samples/s of a graph and the time of every node',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, VALUE_FLAGS, BOOLEAN_FLAGS, 'bench');
    if (args.positional.length > 1) throw new CliError(`bench takes one FILE, got ${args.positional.length}.`);
    const batchFlag = wholeNumber(args.values, '--batch-size', 1, MAX_BATCH);
    const threads = wholeNumber(args.values, '--threads', 1, MAX_THREADS);
    const fixedSteps = wholeNumber(args.values, '--steps', 1, MAX_STEPS);
    const backendFlag = args.values.get('--backend');
    if (backendFlag !== undefined && backendFlag !== 'wasm' && backendFlag !== 'cpu') {
      throw new CliError(`--backend must be wasm or cpu; got ${backendFlag}.`);
    }
    const budgetFlag = args.values.get('--memory-budget');
    const budgetMb = budgetFlag === undefined ? undefined : Number(budgetFlag);
    if (budgetMb !== undefined && !(budgetMb > 0)) throw new CliError(`--memory-budget must be a number of megabytes above 0, got ${budgetFlag}.`);

    const loaded = loadGraphFile(args.positional[0]);
    const file = loaded.file;
    const analysis = analyzeGraph(loaded.graph);
    const section = parseTrainingSection(loaded.graph.training);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || section.problems.length > 0) {
      const lines = errors
        .map((d) => `${file}: error${d.node ? ` in node '${d.node}'` : ''}: ${d.message}`)
        .concat(section.problems.map((p) => `${file}: error in ${p.field}: ${p.message}`));
      throw new CliError(`${lines.join('\n')}\n${file}: the file has errors; fix them before benchmarking (wiregrad summary lists them).`, 1);
    }
    const settings = section.settings;
    const batch = batchFlag ?? settings.batchSize ?? 64;
    const outputShape = analysis.outputIds.length === 1 ? analysis.byId.get(analysis.outputIds[0])?.outputShape ?? null : null;
    const loss: LossKind = settings.loss ?? (outputShape && outputShape.length === 1 && outputShape[0] >= 2 ? 'cross-entropy' : 'mse');
    if (loss === 'cross-entropy' && outputShape && outputShape.length !== 1) {
      throw new CliError(`${file}: training.loss is cross-entropy, which needs a vector of class scores at the output; it is ${formatShape(outputShape)}.`, 1);
    }
    const optimizer = settings.optimizer ?? 'sgd';
    const learningRate = settings.learningRate ?? 0.01;
    const budget = budgetMb === undefined ? defaultMemoryBudget() : budgetMb * 1024 * 1024;
    const problem = memoryBudgetProblem(estimateTrainingMemory(analysis, { batchSize: batch, optimizer }), budget, batch);
    if (problem) throw new CliError(`${file}: ${problem}`, 1);

    const plan: TimingPlan = fixedSteps === undefined ? DEFAULT_PLAN : { ...DEFAULT_PLAN, fixedSteps };
    const selected = await createBackend({ threads, prefer: backendFlag as 'wasm' | 'cpu' | undefined });
    const loadBefore = os.loadavg()[0];
    let result: GraphBenchResult;
    try {
      result = benchGraph(loaded.graph, analysis, selected.backend, {
        batch, loss, optimizer, learningRate,
        momentum: settings.momentum ?? 0.9,
        weightDecay: settings.weightDecay ?? 0,
        seed: settings.seed ?? 42,
        plan,
        profileSteps: fixedSteps === undefined ? PROFILE_STEPS : Math.min(fixedSteps, PROFILE_STEPS),
      });
    } catch (err) {
      if (err instanceof ModelBuildError) throw new CliError(`${file}: ${err.message}`, 1);
      throw err;
    } finally {
      await selected.dispose();
    }
    const report: BenchReport = {
      file,
      graph: loaded.graph.name,
      backend: selected.name,
      backendDescription: selected.description,
      threads: selected.threads,
      batchSize: batch,
      loss,
      optimizer,
      learningRate,
      trainSamplesPerSec: result.trainSamplesPerSec,
      inferSamplesPerSec: result.inferSamplesPerSec,
      trainStepMs: result.train.medianMs,
      inferStepMs: result.infer.medianMs,
      trainSteps: result.train.stepsMs.length,
      inferSteps: result.infer.stepsMs.length,
      profiledSteps: result.profile.steps,
      profiledStepMs: result.profile.stepMs,
      nodes: result.profile.nodes,
      optimizerMs: result.profile.optimizerMs,
      otherMs: result.profile.otherMs,
      firstLoss: result.firstLoss,
      lastLoss: result.lastLoss,
      // resourceUsage().maxRSS is in kilobytes.
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      loadAverage: [loadBefore, os.loadavg()[0]],
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      node: process.version,
    };
    printOut(args.booleans.has('--json') ? JSON.stringify(report, null, 2) + '\n' : formatBenchReport(report));
    return 0;
  },
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function formatBenchReport(r: BenchReport): string {
  const out: string[] = [];
  out.push(`${r.graph} (${r.file}): batch ${r.batchSize}, ${r.optimizer} lr ${r.learningRate}, ${r.loss}, random data`);
  out.push(`backend: ${r.backendDescription}`);
  out.push(`machine: ${r.cpu}, ${r.cores} cores, node ${r.node}, load average ${r.loadAverage[0].toFixed(1)} → ${r.loadAverage[1].toFixed(1)}`);
  out.push('');
  out.push(`training   ${int(r.trainSamplesPerSec).padStart(10)} samples/s   median step ${ms(r.trainStepMs)} ms of ${r.trainSteps} (forward + backward + ${r.optimizer})`);
  out.push(`inference  ${int(r.inferSamplesPerSec).padStart(10)} samples/s   median step ${ms(r.inferStepMs)} ms of ${r.inferSteps}`);
  out.push(`loss on the fixed batch ${r.firstLoss.toFixed(4)} → ${r.lastLoss.toFixed(4)}; peak memory (RSS) ${int(r.peakRssBytes / 2 ** 20)} MiB`);
  out.push('');
  out.push(`Time per node in a training step (mean of ${r.profiledSteps} steps with a timer on every node: ${ms(r.profiledStepMs)} ms per step)`);
  const rows = r.nodes.map((n) => [n.id, n.type, ms(n.forwardMs), ms(n.backwardMs), ms(n.totalMs), `${n.percent.toFixed(1)} %`]);
  const share = (x: number) => `${((100 * x) / r.profiledStepMs).toFixed(1)} %`;
  rows.push([`(${r.optimizer} update)`, '', '', '', ms(r.optimizerMs), share(r.optimizerMs)]);
  rows.push(['(loss, gradient sums, other)', '', '', '', ms(r.otherMs), share(r.otherMs)]);
  const header = ['node', 'type', 'forward ms', 'backward ms', 'total ms', 'of step'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ').trimEnd();
  out.push(line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line), '');
  return out.join('\n');
}
