/**
 * The messages between a caller (CLI, extension) and the training worker: one discriminated union per direction.
 * Both sides validate what arrives (`parseCallerMessage`, `parseWorkerMessage`): a message that does not fit is
 * dropped by the worker, and turned into a `failed` by the caller, never trusted blindly.
 */
import type { Fix } from '../shape/diagnostics';
import type { MemoryEstimate } from './memory';
import type { EvaluationResult } from './metrics';
import type { GradientFlag } from './gradientFlags';
import type { GradientFlowEpoch } from './gradientFlow';
import type { InitialLossCheck } from './initialLoss';
import type { OverfitRequest, OverfitResult } from './overfit';
import type { TrainingConfig, TrainingOverrides } from './config';
import type { EpochMetrics, NonFiniteReport, ProgressEvent, TrainingPosition } from './trainer';

export interface StartRequest {
  /** Absolute path of the `*.nn.json` graph; checkpoints are written beside it. */
  readonly graphFile: string;
  /** Settings that win over the file's `training` section (CLI flags). */
  readonly overrides: TrainingOverrides;
  /** Continue from `NAME.safetensors` + `NAME.ckpt.safetensors`. */
  readonly resume: boolean;
  /** Refuse designs whose estimated memory is above this (default: half the free memory). */
  readonly memoryBudgetBytes?: number;
  /** Where the bundled data files are, when not beside the worker bundle. */
  readonly dataDir?: string;
  /** Minimum milliseconds between progress messages (default 250). */
  readonly progressIntervalMs?: number;
  /** Threads for the kernels (default: every core). */
  readonly threads?: number;
  /** 'cpu' forces the TypeScript reference kernels (default: the fastest this runtime has). */
  readonly kernels?: 'wasm' | 'cpu';
  /**
   * Instead of training: the "can it overfit a tiny subset" check (engine/train/overfit.ts). Nothing is saved; the
   * run ends with `overfit-result`. Not with `resume`.
   */
  readonly overfit?: OverfitRequest;
}

export type CallerMessage =
  | { readonly type: 'start'; readonly request: StartRequest }
  | { readonly type: 'cancel' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' };

export interface StartedInfo {
  readonly graph: string;
  readonly dataset: string;
  readonly datasetName: string;
  readonly task: 'classification' | 'regression';
  readonly classNames: readonly string[];
  readonly trainCount: number;
  readonly validationCount: number;
  readonly testCount: number;
  readonly config: TrainingConfig;
  readonly memory: MemoryEstimate;
  readonly trainableParams: number;
  /** Where a resumed run picks up; `null` for a fresh run. */
  readonly resumedFrom: TrainingPosition | null;
  /** Which kernels run and on how many threads: engine/kernels/select.ts's description, e.g. "wasm-simd, 2 threads". */
  readonly backend: string;
}

export type WorkerMessage =
  /** Sent at once when a start arrives, before any work: the caller knows the worker is alive and listening. */
  | { readonly type: 'accepted' }
  /** Sent every HEARTBEAT_MS while a run is live (and the thread not inside a step), so a silent worker is noticed. */
  | { readonly type: 'heartbeat' }
  | { readonly type: 'started'; readonly info: StartedInfo }
  | { readonly type: 'progress'; readonly progress: ProgressEvent }
  /** After `started` of a fresh classification run: the loss of the initial weights against chance, ln C. */
  | { readonly type: 'initial-loss'; readonly check: InitialLossCheck }
  /** Just before each `epoch-end`: the epoch's gradient flow per node and the nodes flagged as vanishing/exploding. */
  | { readonly type: 'gradient-flow'; readonly flow: GradientFlowEpoch; readonly flags: readonly GradientFlag[] }
  | { readonly type: 'epoch-end'; readonly metrics: EpochMetrics }
  | { readonly type: 'paused'; readonly position: TrainingPosition }
  | { readonly type: 'resumed' }
  | {
      readonly type: 'finished';
      readonly test: EvaluationResult;
      readonly history: readonly EpochMetrics[];
      readonly weightsFile: string;
      readonly stateFile: string;
      readonly seconds: number;
    }
  /** The end of an `overfit` run (instead of `finished`): the verdict and the loss curve. */
  | { readonly type: 'overfit-result'; readonly result: OverfitResult }
  | {
      readonly type: 'failed';
      readonly message: string;
      readonly nonFinite?: NonFiniteReport;
      /** Edits of the graph that would let the run start (a design that does not fit its data set). */
      readonly fixes?: readonly Fix[];
    }
  | {
      readonly type: 'cancelled';
      readonly position: TrainingPosition;
      readonly weightsFile: string | null;
      /** The worker did not stop within the grace period and was terminated (nothing saved by this stop). */
      readonly forced?: boolean;
    };

/** How often a live worker says so. */
export const HEARTBEAT_MS = 1000;

export type TerminalMessage = Extract<WorkerMessage, { type: 'finished' | 'failed' | 'cancelled' | 'overfit-result' }>;

export function isTerminal(message: WorkerMessage): message is TerminalMessage {
  return message.type === 'finished' || message.type === 'failed' || message.type === 'cancelled' || message.type === 'overfit-result';
}

export function parseCallerMessage(data: unknown): CallerMessage | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'cancel':
    case 'pause':
    case 'resume':
      return { type: data.type };
    case 'start':
      return startProblem(data) === null ? { type: 'start', request: data.request as unknown as StartRequest } : null;
    default:
      return null;
  }
}

/**
 * Why a `start` message is not valid (naming the field), or null when it is: the worker answers an invalid start with
 * a `failed` message saying this, instead of dropping it and leaving the caller waiting.
 */
export function startProblem(data: Record<string, unknown>): string | null {
  const r = data.request;
  if (!isRecord(r)) return 'the start message has no request';
  if (typeof r.graphFile !== 'string') return 'request.graphFile is not a string';
  if (typeof r.resume !== 'boolean') return 'request.resume is not true or false';
  if (!isRecord(r.overrides)) return 'request.overrides is not an object';
  for (const key of ['memoryBudgetBytes', 'progressIntervalMs'] as const) {
    const value = r[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      return `request.${key} must be a finite number of ${key === 'memoryBudgetBytes' ? 'bytes' : 'milliseconds'} ≥ 0, got ${String(value)}`;
    }
  }
  if (r.dataDir !== undefined && typeof r.dataDir !== 'string') return 'request.dataDir is not a string';
  if (r.threads !== undefined && !(typeof r.threads === 'number' && Number.isInteger(r.threads) && r.threads >= 1)) {
    return `request.threads must be a whole number ≥ 1, got ${String(r.threads)}`;
  }
  if (r.kernels !== undefined && r.kernels !== 'wasm' && r.kernels !== 'cpu') return `request.kernels must be 'wasm' or 'cpu', got ${String(r.kernels)}`;
  if (r.overfit !== undefined) {
    const o = r.overfit;
    if (!isRecord(o)) return 'request.overfit is not an object';
    if (!(Number.isInteger(o.samples) && (o.samples as number) >= 1 && (o.samples as number) <= 256)) return `request.overfit.samples must be a whole number from 1 to 256, got ${String(o.samples)}`;
    if (!(Number.isInteger(o.steps) && (o.steps as number) >= 1 && (o.steps as number) <= 10000)) return `request.overfit.steps must be a whole number from 1 to 10000, got ${String(o.steps)}`;
    if (r.resume === true) return 'request.overfit cannot resume a run';
  }
  return null;
}

export function parseWorkerMessage(data: unknown): WorkerMessage | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'started':
      return isRecord(data.info) && typeof data.info.graph === 'string' && isRecord(data.info.config) && typeof data.info.backend === 'string'
        ? (data as WorkerMessage)
        : null;
    case 'progress':
      return isRecord(data.progress) && isNumbers(data.progress, ['epoch', 'epochs', 'step', 'stepsPerEpoch', 'globalStep', 'totalSteps'])
        ? (data as WorkerMessage)
        : null;
    case 'epoch-end':
      return isRecord(data.metrics) && typeof data.metrics.epoch === 'number' && isRecord(data.metrics.train) ? (data as WorkerMessage) : null;
    case 'overfit-result':
      return isOverfitResult(data.result) ? (data as WorkerMessage) : null;
    case 'initial-loss':
      return isInitialLossCheck(data.check) ? (data as WorkerMessage) : null;
    case 'gradient-flow':
      return isGradientFlow(data.flow) && Array.isArray(data.flags) && data.flags.every(isGradientFlag) ? (data as WorkerMessage) : null;
    case 'paused':
      return isPosition(data.position) ? (data as WorkerMessage) : null;
    case 'resumed':
    case 'accepted':
    case 'heartbeat':
      return { type: data.type };
    case 'finished':
      return isRecord(data.test) && typeof data.test.loss === 'number' && Array.isArray(data.history) && typeof data.weightsFile === 'string'
        ? (data as WorkerMessage)
        : null;
    case 'failed':
      return typeof data.message === 'string' && (data.fixes === undefined || (Array.isArray(data.fixes) && data.fixes.every(isFailureFix)))
        ? (data as WorkerMessage)
        : null;
    case 'cancelled':
      return isPosition(data.position) && (data.weightsFile === null || typeof data.weightsFile === 'string') && (data.forced === undefined || typeof data.forced === 'boolean')
        ? (data as WorkerMessage)
        : null;
    default:
      return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumbers(record: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((k) => typeof record[k] === 'number');
}

/** The fixes a failed run carries set attributes (the last dense layer's units, the input's shape). */
function isFailureFix(value: unknown): value is Fix {
  return (
    isRecord(value) &&
    typeof value.title === 'string' &&
    Array.isArray(value.edits) &&
    value.edits.every(
      (e) => isRecord(e) && e.kind === 'set-attribute' && typeof e.node === 'string' && typeof e.attribute === 'string' && e.value !== undefined,
    )
  );
}

const isNumberOrNull = (value: unknown) => value === null || typeof value === 'number';

function isGradientFlow(value: unknown): value is GradientFlowEpoch {
  return (
    isRecord(value) &&
    isNumbers(value, ['epoch', 'samples', 'every']) &&
    Array.isArray(value.nodes) &&
    value.nodes.every(
      (n) =>
        isRecord(n) &&
        typeof n.node === 'string' &&
        typeof n.params === 'number' &&
        isNumberOrNull(n.paramGradNorm) &&
        isNumberOrNull(n.outputGradNorm) &&
        isNumberOrNull(n.updateRatio),
    )
  );
}

function isOverfitResult(value: unknown): value is OverfitResult {
  return (
    isRecord(value) &&
    isNumbers(value, ['samples', 'steps', 'maxSteps', 'threshold', 'learningRate', 'initialLoss', 'finalLoss']) &&
    Array.isArray(value.losses) &&
    value.losses.every((l) => typeof l === 'number') &&
    isNumberOrNull(value.accuracy) &&
    typeof value.passed === 'boolean' &&
    typeof value.optimizer === 'string' &&
    typeof value.explanation === 'string'
  );
}

function isInitialLossCheck(value: unknown): value is InitialLossCheck {
  return (
    isRecord(value) &&
    isNumbers(value, ['loss', 'samples', 'classes', 'chance', 'logitRms']) &&
    (value.verdict === 'chance' || value.verdict === 'high' || value.verdict === 'low') &&
    typeof value.logitsNode === 'string' &&
    typeof value.explanation === 'string' &&
    (value.fix === null || (isRecord(value.fix) && isNumbers(value.fix, ['outputInitScale', 'loss'])))
  );
}

function isGradientFlag(value: unknown): value is GradientFlag {
  return (
    isRecord(value) &&
    typeof value.node === 'string' &&
    (value.kind === 'vanishing' || value.kind === 'exploding') &&
    typeof value.ratio === 'number' &&
    typeof value.explanation === 'string'
  );
}

function isPosition(value: unknown): value is TrainingPosition {
  return isRecord(value) && isNumbers(value, ['epoch', 'stepInEpoch', 'globalStep']);
}
