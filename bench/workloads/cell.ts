/**
 * One cell of `npm run bench` = one runner (wiregrad at some thread count, or a TensorFlow.js backend) on one
 * workload or on the GEMM shapes, in its own child process, so runners never share a heap, a JIT or worker
 * threads. The child prints one `@@RESULT {json}` line; the parent collects it (as the shared harness does).
 */
import { DEFAULT_PLAN, type StepTimes, type TimingPlan } from '../../engine/bench/timing';
import type { GemmShape } from './spec';

/** The measurement of WORKLOADS.md: warm-up ≥ 1 step and ≥ 1.5 s, then ≥ 5 steps and ≥ 5 s (60 s cap), median. */
export const FULL_PLAN: TimingPlan = { warmupMs: 1500, minSteps: 5, minMs: 5000, maxMs: 60_000 };
/** --quick: the plumbing and a rough figure. */
export const QUICK_PLAN: TimingPlan = { warmupMs: 200, minSteps: 2, minMs: 300, maxMs: 10_000 };
/** GEMM shapes are timed for less than a workload (many of them, each step short). */
export const GEMM_PLAN: TimingPlan = { ...DEFAULT_PLAN, warmupMs: 500, minSteps: 5, minMs: 1500 };

export type Mode = 'train' | 'infer';

export interface CellRequest {
  readonly runner: string;
  /** A workload id, or 'gemm'. */
  readonly workload: string;
  readonly modes: readonly Mode[];
  readonly threads: number;
  readonly plan: TimingPlan;
  readonly gemms?: readonly GemmShape[];
}

export interface ModeResult {
  readonly samplesPerSec?: number;
  readonly medianMs?: number;
  readonly steps?: number;
  readonly firstLoss?: number;
  readonly lastLoss?: number;
  /** Updates from the first loss to the last (warm-up steps included). */
  readonly updates?: number;
  readonly error?: string;
}

export interface GemmResult {
  readonly shape: GemmShape;
  readonly gflops: number;
  readonly medianMs: number;
}

export interface CellResult {
  /** What ran: backend name and description, threads, and any shim the peer needed. */
  readonly info: Record<string, string | number | boolean>;
  readonly modes: Partial<Record<Mode, ModeResult>>;
  readonly gemm?: readonly GemmResult[];
  readonly loadavg?: readonly [number, number];
  readonly error?: string;
}

export function modeResult(batch: number, t: StepTimes, losses?: { first: number; last: number }): ModeResult {
  return { samplesPerSec: (batch * 1000) / t.medianMs, medianMs: t.medianMs, steps: t.stepsMs.length, firstLoss: losses?.first, lastLoss: losses?.last, updates: losses ? t.warmupSteps + t.stepsMs.length - 1 : undefined };
}

export function gemmResult(shape: GemmShape, t: StepTimes): GemmResult {
  return { shape, gflops: (2 * shape.m * shape.k * shape.n) / (t.medianMs * 1e6), medianMs: t.medianMs };
}

export const RESULT_PREFIX = '@@RESULT ';

export function requestFromArgv(argv: readonly string[]): CellRequest | null {
  const i = argv.indexOf('--cell');
  return i < 0 ? null : (JSON.parse(argv[i + 1]) as CellRequest);
}

/** Runs a child's cell and prints its result line; a failure becomes a result with `error`, never a stack. */
export async function runChild(run: (request: CellRequest) => Promise<CellResult> | CellResult, request: CellRequest): Promise<void> {
  const os = await import('node:os');
  const load0 = os.loadavg()[0];
  let result: CellResult;
  try {
    result = await run(request);
  } catch (err) {
    result = { info: {}, modes: {}, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify({ ...result, loadavg: [load0, os.loadavg()[0]] })}\n`);
  process.exit(0);
}
