/**
 * The caller's side of a training run in a worker thread: starts the worker, forwards cancel/pause/resume, validates
 * every message that comes back, and always ends with exactly one terminal message. A worker that crashes, exits
 * early, sends garbage or exceeds its heap limit (`resourceLimits`) ends as `failed`, and the caller goes on.
 */
import { Worker } from 'node:worker_threads';
import { isTerminal, parseWorkerMessage, type CallerMessage, type StartRequest, type TerminalMessage, type WorkerMessage } from './protocol';
import type { TrainingPosition } from './trainer';

export interface TrainingSessionOptions {
  /** The bundled worker (dist/worker.js); the extension and the CLI each point at their own bundle. */
  readonly workerScript: string;
  readonly request: StartRequest;
  /** The worker's V8 heap limit in MB (typed-array data lives outside it); default 2048. */
  readonly maxHeapMb?: number;
  /** Every validated message, terminal ones included, in arrival order. */
  readonly onMessage?: (message: WorkerMessage) => void;
}

export class TrainingSession {
  /** Resolves with the run's one terminal message (finished, failed or cancelled); never rejects. */
  readonly done: Promise<TerminalMessage>;
  private readonly worker: Worker;
  private settle!: (message: TerminalMessage) => void;
  private settled = false;
  private killed = false;
  private lastPosition: TrainingPosition = { epoch: 0, stepInEpoch: 0, globalStep: 0 };

  constructor(private readonly options: TrainingSessionOptions) {
    this.done = new Promise((resolve) => (this.settle = resolve));
    const maxHeapMb = options.maxHeapMb ?? 2048;
    this.worker = new Worker(options.workerScript, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    this.worker.on('message', (data: unknown) => this.receive(data));
    this.worker.on('messageerror', () => this.finish({ type: 'failed', message: 'the training worker sent a message that could not be read' }));
    this.worker.on('error', (err: Error & { code?: string }) => {
      const message =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the training worker ran out of memory (heap limit ${maxHeapMb} MB); lower the batch size or shrink the network`
          : `the training worker crashed: ${err.message}`;
      this.finish({ type: 'failed', message });
    });
    this.worker.on('exit', (code) => {
      if (this.killed) this.finish({ type: 'cancelled', position: this.lastPosition, weightsFile: null });
      else this.finish({ type: 'failed', message: `the training worker exited unexpectedly (exit code ${code})` });
    });
    this.post({ type: 'start', request: options.request });
  }

  /** Stops after the current step; the worker saves a checkpoint and reports `cancelled`. */
  cancel(): void {
    this.post({ type: 'cancel' });
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

  /** Test hook: asks the worker to fail in one of the ways real workers fail. */
  crashForTest(how: 'throw' | 'exit' | 'oom'): void {
    this.post({ type: 'crash', how });
  }

  private post(message: CallerMessage): void {
    if (!this.settled) this.worker.postMessage(message);
  }

  private receive(data: unknown): void {
    if (this.settled) return;
    const message = parseWorkerMessage(data);
    if (!message) {
      this.finish({ type: 'failed', message: `the training worker sent an invalid message: ${JSON.stringify(data).slice(0, 200)}` });
      return;
    }
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
    this.options.onMessage?.(message);
    this.settle(message);
    // The worker exits by itself after its last message; make sure a stuck one cannot keep the process alive.
    setTimeout(() => void this.worker.terminate(), 2000).unref();
  }
}
