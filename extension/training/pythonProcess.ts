/**
 * A training run of an exported train.py (or torchrun) as a child process, with the face of the built-in worker's
 * TrainingSession: its metric lines become trainer messages, `done` resolves with exactly one terminal message, and
 * Stop is SIGTERM to the whole process group (torchrun and its workers; train.py saves the weights and reports
 * `cancelled`), then SIGKILL when it has not ended after a grace period. A process that exits without a terminal
 * message ends as `failed` with the last lines it printed on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { isTerminal, type TerminalMessage, type WorkerMessage } from '../../engine/train/protocol';
import type { TrainingPosition } from '../../engine/train/trainer';
import { LineSplitter, parseMetricLine } from './metricLines';

export interface PythonRunOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Every trainer message, terminal ones included, in arrival order. */
  readonly onMessage?: (message: WorkerMessage) => void;
  /** Lines that are not trainer messages (stderr, torchrun's notices), for the log. */
  readonly onOutput?: (line: string) => void;
  /** Milliseconds between SIGTERM and SIGKILL on Stop; default 15,000 (train.py saves the weights first). */
  readonly graceMs?: number;
}

/** What the training controller drives: the built-in worker's TrainingSession and a PythonRun alike. */
export interface RunningTraining {
  readonly done: Promise<TerminalMessage>;
  cancel(): void;
  pause(): void;
  resume(): void;
  terminate(): void;
}

/** stderr lines kept for the failure message. */
const STDERR_TAIL = 12;

export class PythonRun implements RunningTraining {
  readonly done: Promise<TerminalMessage>;
  private readonly child: ChildProcess;
  private settle!: (message: TerminalMessage) => void;
  private settled = false;
  private stopping = false;
  private killTimer: NodeJS.Timeout | null = null;
  private readonly stderrTail: string[] = [];
  private lastPosition: TrainingPosition = { epoch: 0, stepInEpoch: 0, globalStep: 0 };
  private terminal: TerminalMessage | null = null;

  constructor(private readonly options: PythonRunOptions) {
    this.done = new Promise((resolve) => (this.settle = resolve));
    // Its own process group (POSIX), so Stop reaches torchrun's workers too.
    this.child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: { ...process.env, PYTHONUNBUFFERED: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const out = new LineSplitter((line) => this.receive(line));
    const err = new LineSplitter((line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
      options.onOutput?.(line);
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
    this.child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? `${options.command} was not found` : error.message;
      this.finish({ type: 'failed', message: `cannot start ${options.command}: ${why}; set wiregrad.pythonPath to a Python with torch` });
    });
    this.child.on('close', (code, signal) => {
      out.end();
      err.end();
      if (this.killTimer) clearTimeout(this.killTimer);
      if (this.terminal) this.finish(this.terminal);
      else if (this.stopping) this.finish({ type: 'cancelled', position: this.lastPosition, weightsFile: null });
      else {
        const tail = this.stderrTail.join('\n');
        this.finish({
          type: 'failed',
          message: `train.py ended without finishing (${signal ? `signal ${signal}` : `exit code ${code}`})${tail ? `:\n${tail}` : ''}`,
        });
      }
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM: train.py stops at the next update, saves the weights and reports `cancelled`; SIGKILL after the grace. */
  cancel(): void {
    if (this.settled || this.stopping) return;
    this.stopping = true;
    this.signal('SIGTERM');
    this.killTimer = setTimeout(() => this.signal('SIGKILL'), this.options.graceMs ?? 15_000);
    this.killTimer.unref();
  }

  /** PyTorch runs cannot pause: the process keeps its place only while it runs. */
  pause(): void {}

  resume(): void {}

  terminate(): void {
    if (this.settled) return;
    this.stopping = true;
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      if (process.platform !== 'win32') process.kill(-pid, signal);
      else this.child.kill(signal);
    } catch {
      this.child.kill(signal);
    }
  }

  private receive(line: string): void {
    const parsed = parseMetricLine(line);
    if (parsed.kind !== 'message') {
      this.options.onOutput?.(parsed.text);
      return;
    }
    const message = parsed.message;
    if (message.type === 'progress') {
      const p = message.progress;
      this.lastPosition = { epoch: p.epoch, stepInEpoch: p.step, globalStep: p.globalStep };
    }
    // The terminal message settles the run when the process has exited (its weights are on disk by then).
    if (isTerminal(message)) this.terminal ??= message;
    else if (!this.settled) this.options.onMessage?.(message);
  }

  private finish(message: TerminalMessage): void {
    if (this.settled) return;
    this.settled = true;
    this.options.onMessage?.(message);
    this.settle(message);
  }
}
