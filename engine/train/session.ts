/**
 * The caller's side of a training run in a worker thread: starts the worker, forwards cancel/pause/resume, validates
 * every message that comes back, and always ends with exactly one terminal message. A worker that crashes, exits
 * early, sends garbage or exceeds its heap limit (`resourceLimits`) ends as `failed`, and the caller goes on. Nothing
 * waits forever: a start not acknowledged within `ackTimeoutMs`, a live run silent (no heartbeat) for
 * `silenceLimitMs`, and a cancel not obeyed within `stopGraceMs` each end with the worker terminated and a message
 * saying which.
 */
import { Worker } from 'node:worker_threads';
import { HEARTBEAT_MS, isTerminal, parseWorkerMessage, type CallerMessage, type StartRequest, type TerminalMessage, type WorkerMessage } from './protocol';
import { LivenessProbe } from '../model/liveness';
import type { TrainingPosition } from './trainer';

export interface TrainingSessionOptions {
  /** The bundled worker (dist/worker.js); the extension and the CLI each point at their own bundle. */
  readonly workerScript: string;
  readonly request: StartRequest;
  /** The worker's V8 heap limit in MB (typed-array data lives outside it); default 2048. */
  readonly maxHeapMb?: number;
  /** Every validated message, terminal ones included, in arrival order (not the acknowledgement and heartbeats). */
  readonly onMessage?: (message: WorkerMessage) => void;
  /** How long the worker has to acknowledge the start (starting a thread and loading the bundle); default 30 s. */
  readonly ackTimeoutMs?: number;
  /**
   * How long a live run may show no sign of life before it is taken for hung: no message (heartbeats go out between
   * steps) and no move of the shared liveness counter (bumped after every layer inside a step). So it must exceed the
   * longest single layer pass or synchronous load, not the longest step; default 5 minutes.
   */
  readonly silenceLimitMs?: number;
  /** How long a cancel may take before the worker is terminated; default 15 s (a step plus saving a checkpoint). */
  readonly stopGraceMs?: number;
}

const DEFAULT_ACK_TIMEOUT_MS = 30_000;
const DEFAULT_SILENCE_LIMIT_MS = 5 * 60_000;
const DEFAULT_STOP_GRACE_MS = 15_000;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export class TrainingSession {
  /** Resolves with the run's one terminal message (finished, failed or cancelled); never rejects. */
  readonly done: Promise<TerminalMessage>;
  private readonly worker: Worker;
  private settle!: (message: TerminalMessage) => void;
  private settled = false;
  private killed = false;
  private lastPosition: TrainingPosition = { epoch: 0, stepInEpoch: 0, globalStep: 0 };
  private accepted = false;
  private lastHeard = Date.now();
  /** The counter the worker's graph runner bumps after every layer: a long step is alive while it moves. */
  private readonly liveness = new LivenessProbe();
  private readonly watchdog: NodeJS.Timeout;
  private stopTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: TrainingSessionOptions) {
    this.done = new Promise((resolve) => (this.settle = resolve));
    const maxHeapMb = options.maxHeapMb ?? 2048;
    this.worker = new Worker(options.workerScript, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb }, workerData: { liveness: this.liveness.buffer } });
    this.worker.on('message', (data: unknown) => this.receive(data));
    this.worker.on('messageerror', () => this.finish({ type: 'failed', message: 'the training worker sent a message that could not be read' }));
    this.worker.on('error', (err: Error & { code?: string }) => {
      const message =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the training worker ran out of memory (heap limit ${maxHeapMb} MB); lower the batch size or shrink the network`
          : `the training worker crashed: ${err.message}`;
      this.finish({ type: 'failed', message });
    });
    const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    const silenceLimitMs = options.silenceLimitMs ?? DEFAULT_SILENCE_LIMIT_MS;
    this.watchdog = setInterval(() => {
      if (this.accepted && this.liveness.moved()) this.lastHeard = Date.now();
      const quiet = Date.now() - this.lastHeard;
      if (!this.accepted && quiet > ackTimeoutMs) {
        this.kill(`the training worker did not acknowledge the start within ${seconds(ackTimeoutMs)}; it was terminated`);
      } else if (this.accepted && quiet > silenceLimitMs) {
        this.kill(
          `the training worker sent nothing for ${seconds(silenceLimitMs)} (no heartbeat, no layer finished); it was terminated. ` +
            'The weights saved at the last epoch end (if any) are kept',
        );
      }
    }, Math.max(20, Math.min(HEARTBEAT_MS, ackTimeoutMs / 4, silenceLimitMs / 4)));
    this.watchdog.unref();
    this.worker.on('exit', (code) => {
      if (this.killed) this.finish({ type: 'cancelled', position: this.lastPosition, weightsFile: null });
      else this.finish({ type: 'failed', message: `the training worker exited unexpectedly (exit code ${code})` });
    });
    this.post({ type: 'start', request: options.request });
  }

  /**
   * Stops after the current step; the worker saves a checkpoint and reports `cancelled`. A worker that has not ended
   * within the grace period (stuck in a read, a step that never returns) is terminated: `cancelled` with `forced`.
   */
  cancel(): void {
    this.post({ type: 'cancel' });
    if (this.settled || this.stopTimer) return;
    this.stopTimer = setTimeout(() => {
      if (this.settled) return;
      this.killed = true;
      this.finish({ type: 'cancelled', position: this.lastPosition, weightsFile: null, forced: true });
    }, this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
    this.stopTimer.unref();
  }

  pause(): void {
    this.post({ type: 'pause' });
  }

  resume(): void {
    this.post({ type: 'resume' });
  }

  /** Kills the worker at once (no checkpoint): for a second Ctrl-C or closing the editor. */
  terminate(): void {
    if (this.settled) return;
    this.killed = true;
    void this.worker.terminate();
  }

  private post(message: CallerMessage): void {
    if (!this.settled) this.worker.postMessage(message);
  }

  /** Ends the run as failed with `message` and terminates the worker. */
  private kill(message: string): void {
    if (this.settled) return;
    this.killed = true;
    this.finish({ type: 'failed', message });
  }

  private receive(data: unknown): void {
    if (this.settled) return;
    this.lastHeard = Date.now();
    const message = parseWorkerMessage(data);
    if (!message) {
      this.finish({ type: 'failed', message: `the training worker sent an invalid message: ${JSON.stringify(data).slice(0, 200)}` });
      return;
    }
    if (message.type === 'accepted' || message.type === 'heartbeat') {
      this.accepted = true;
      return;
    }
    // A worker that skips the acknowledgement (an older bundle) is still alive when it talks.
    this.accepted = true;
    if (message.type === 'progress') {
      const p = message.progress;
      this.lastPosition = { epoch: p.epoch, stepInEpoch: p.step, globalStep: p.globalStep };
    }
    if (isTerminal(message)) this.finish(message);
    else this.options.onMessage?.(message);
  }

  private finish(message: TerminalMessage): void {
    if (this.settled) return;
    this.settled = true;
    clearInterval(this.watchdog);
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.options.onMessage?.(message);
    this.settle(message);
    // The worker exits by itself after its last message; make sure a stuck one cannot keep the process alive.
    if (this.killed) void this.worker.terminate();
    else setTimeout(() => void this.worker.terminate(), 2000).unref();
  }
}
