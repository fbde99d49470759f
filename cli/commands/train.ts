/**
 * `wiregrad train FILE [options]`: trains the graph in a worker thread (dist/worker.js) with the settings of its
 * `training` section, overridden by flags; prints progress on stderr (a live bar on a terminal, a line every few
 * seconds otherwise), per-epoch metrics and the final test evaluation on stdout, and saves the weights beside the
 * graph. Ctrl-C stops after the current step and saves (resume with --resume); a second Ctrl-C quits at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OPTIMIZER_KINDS } from '../../engine/optim/types';
import { parseTrainingSection, type TrainingOverrides } from '../../engine/train/config';
import { shownPath } from '../../engine/io/shownPath';
import { formatBytes } from '../../engine/shape/format';
import type { WorkerMessage } from '../../engine/train/protocol';
import { gradientFlowLines } from '../../engine/train/gradientFlowLines';
import { formatDuration, formatEpochLine, formatEvaluation, formatPercent, formatProgressLine } from '../../engine/train/report';
import { TrainingSession } from '../../engine/train/session';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { threadsFlag } from '../kernels';
import type { Command } from './command';
import { printErr, printOut, terminalSafe } from '../terminalText';

declare const __dirname: string;

const USAGE = `Usage: wiregrad train FILE [options]

Trains the graph on the data set named in its "training" section (or --data) in a worker thread, prints the
metrics of every epoch and a final evaluation on the held-out test split with a confusion matrix, and saves the
weights beside the graph as NAME.safetensors (training state for --resume in NAME.ckpt.safetensors).

Options (each overrides the file's training section):
  --epochs N            passes over the training data
  --batch-size N        samples per update
  --lr X                learning rate
  --optimizer NAME      ${OPTIMIZER_KINDS.join(' | ')}
  --data SPEC           data set: mnist, shapes, segmentation, x2, folder:PATH, csv:PATH, idx:IMAGES,LABELS
  --seed N              seed for the initial weights, the batch order and augmentation
  --resume              continue from the saved weights and training state
  --memory-budget MB    refuse designs estimated to need more (default: half the free memory)
  --threads N           threads for the kernels (default: every core)
  --log-gradients       print each epoch's gradient flow as JSON lines on stdout, one per node: the norms of its
                        parameter and output gradients and the update/weight ratio (README, "Gradient flow")

Ctrl-C (or SIGTERM) stops after the current step and saves a checkpoint; press it twice to quit at once.
Exit status: 0 trained, 1 the graph or the run failed, 2 bad usage or unreadable file, 130 stopped by Ctrl-C,
143 stopped by SIGTERM (which stops the same way).`;

/** Flags with a value, by name → the training field they set (or a CLI-only setting). */
const VALUE_FLAGS = ['--epochs', '--batch-size', '--lr', '--optimizer', '--data', '--seed', '--memory-budget', '--threads'] as const;
const BOOLEAN_FLAGS = ['--resume', '--log-gradients'] as const;
const MAX_BUDGET_MB = 16 * 1024 * 1024;

const FIELD_OF_FLAG: Record<string, keyof TrainingOverrides> = {
  '--epochs': 'epochs',
  '--batch-size': 'batchSize',
  '--lr': 'learningRate',
  '--optimizer': 'optimizer',
  '--data': 'dataset',
  '--seed': 'seed',
};

/** The flags as training overrides, checked by the same rules as the file (messages name the flag). */
export function overridesFromFlags(values: ReadonlyMap<string, string>): TrainingOverrides {
  const raw: Record<string, unknown> = {};
  const flagOf = new Map<string, string>();
  for (const [flag, field] of Object.entries(FIELD_OF_FLAG)) {
    const value = values.get(flag);
    if (value === undefined) continue;
    const numeric = field !== 'optimizer' && field !== 'dataset';
    raw[field] = numeric && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    flagOf.set(`flag.${field}`, flag);
  }
  const { settings, problems } = parseTrainingSection(raw, 'flag');
  if (problems.length > 0) throw new CliError(problems.map((p) => `${flagOf.get(p.field) ?? p.field} ${p.message}`).join('\n'));
  return settings;
}

/** dist/worker.js beside the CLI bundle; from the sources (tests), the repository's dist/. WIREGRAD_WORKER overrides. */
export function workerScriptPath(): string {
  const candidates = [process.env.WIREGRAD_WORKER, path.join(__dirname, 'worker.js'), path.join(__dirname, '..', '..', 'dist', 'worker.js')].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new CliError(`the training worker is not built (looked for ${candidates.join(', ')}); run npm run build.`, 1);
  return found;
}

export const train: Command = {
  summary: 'train a graph on a data set in a worker thread and save its weights',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, VALUE_FLAGS, BOOLEAN_FLAGS, 'train');
    if (args.positional.length !== 1) throw new CliError(`train takes one FILE, got ${args.positional.length}.\n\n${USAGE}`);
    const graphFile = path.resolve(args.positional[0]);
    if (!fs.existsSync(graphFile)) throw new CliError(`cannot read ${args.positional[0]}: no such file.`);
    const overrides = overridesFromFlags(args.values);
    const budget = args.values.get('--memory-budget');
    const budgetMb = budget === undefined ? undefined : Number(budget);
    // Bounded above too: 1e303 MB is Infinity bytes, which no start message can carry (the worker refuses it).
    if (budgetMb !== undefined && !(budgetMb >= 1 && budgetMb <= MAX_BUDGET_MB)) {
      throw new CliError(`--memory-budget must be a number of megabytes from 1 to ${MAX_BUDGET_MB.toLocaleString('en-US')} (16 TB), got ${budget}.`);
    }
    const threads = threadsFlag(args.values.get('--threads'));

    const view = new ProgressView(process.stderr);
    let stepping = false; // set by the worker's 'started': before it, no step runs and there is nothing to save
    const show = printer(view, args.booleans.has('--log-gradients'));
    const print = (m: WorkerMessage) => {
      if (m.type === 'started') stepping = true;
      show(m);
    };
    const session = new TrainingSession({
      workerScript: workerScriptPath(),
      request: {
        graphFile,
        overrides,
        resume: args.booleans.has('--resume'),
        memoryBudgetBytes: budgetMb === undefined ? undefined : budgetMb * 1024 * 1024,
        progressIntervalMs: view.interactive ? 200 : 5000,
        threads,
      },
      onMessage: print,
    });
    // SIGTERM (kill, timeout, a CI runner's stop) gets the same orderly stop as Ctrl-C: without a handler Node dies at
    // once and the steps since the last epoch's checkpoint are lost.
    let stoppedBy: NodeJS.Signals | null = null;
    const onStopSignal = (signal: NodeJS.Signals) => {
      if (stoppedBy === null) {
        stoppedBy = signal;
        const again = signal === 'SIGINT' ? 'press Ctrl-C again' : 'signal again';
        view.note(stepping ? `stopping after this step (the checkpoint is saved); ${again} to quit at once` : `stopping before the first step (nothing to save); ${again} to quit at once`);
        session.cancel();
      } else session.terminate();
    };
    process.on('SIGINT', onStopSignal);
    process.on('SIGTERM', onStopSignal);
    try {
      const end = await session.done;
      view.clear();
      if (end.type === 'finished') return 0;
      if (end.type === 'cancelled') return stoppedBy === 'SIGTERM' ? 143 : 130;
      return 1;
    } finally {
      process.off('SIGINT', onStopSignal);
      process.off('SIGTERM', onStopSignal);
    }
  },
};

/** Shows each worker message: results on stdout, progress and problems on stderr. */
function printer(view: ProgressView, logGradients: boolean): (m: WorkerMessage) => void {
  let epochs = 0;
  let classNames: readonly string[] = [];
  const out = (line: string) => {
    view.clear();
    printOut(line + '\n');
  };
  return (m) => {
    switch (m.type) {
      case 'started': {
        const { info } = m;
        const c = info.config;
        epochs = c.epochs;
        classNames = info.classNames;
        const resumed = info.resumedFrom ? `, resuming at epoch ${info.resumedFrom.epoch + 1} (update ${info.resumedFrom.globalStep})` : '';
        out(
          `Training ${info.graph} (${info.trainableParams.toLocaleString('en-US')} parameters) on ${info.datasetName}: ` +
            `${info.trainCount} train / ${info.validationCount} validation / ${info.testCount} test samples\n` +
            `${c.optimizer}, learning rate ${c.learningRate}, batch ${c.batchSize}, ${c.epochs} epoch${c.epochs === 1 ? '' : 's'}, seed ${c.seed}; ` +
            `memory ≈ ${formatBytes(info.memory.total)}${resumed}\n` +
            `engine: ${info.backend}`,
        );
        return;
      }
      case 'progress':
        view.update(m.progress);
        return;
      case 'initial-loss':
        out(m.check.explanation);
        return;
      case 'gradient-flow':
        if (logGradients) for (const line of gradientFlowLines(m.flow, m.flags)) out(line);
        for (const f of m.flags) out(`  ${f.node}: ${f.explanation}`);
        return;
      case 'epoch-end':
        out(formatEpochLine(m.metrics, epochs));
        return;
      case 'paused':
        view.note(`paused at update ${m.position.globalStep}`);
        return;
      case 'resumed':
      case 'accepted':
      case 'heartbeat':
        return;
      case 'finished': {
        out('');
        out(formatEvaluation(m.test, classNames));
        const accuracy = m.test.accuracy === null ? '' : `, test accuracy ${formatPercent(m.test.accuracy)}`;
        out(`\ntrained in ${formatDuration(m.seconds)}${accuracy}; weights saved to ${shownPath(m.weightsFile)}`);
        return;
      }
      case 'cancelled':
        out(
          m.forced
            ? `stopped: the training worker did not stop in time and was terminated at update ${m.position.globalStep}; the weights saved at the last epoch end (if any) are kept`
            : m.weightsFile
            ? `stopped at update ${m.position.globalStep}; checkpoint saved to ${shownPath(m.weightsFile)} (continue with --resume)`
            : `stopped at update ${m.position.globalStep}; nothing saved`,
        );
        return;
      case 'failed':
        view.clear();
        printErr(`wiregrad: ${m.message}\n`);
    }
  };
}

/** The live progress line on a terminal (redrawn in place), or a plain line every few seconds in a log. */
class ProgressView {
  readonly interactive: boolean;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.interactive = Boolean(stream.isTTY);
  }

  update(p: Parameters<typeof formatProgressLine>[0]): void {
    if (!this.interactive) {
      this.stream.write(terminalSafe(formatProgressLine(p)) + '\n');
      return;
    }
    const width = Math.max(40, (this.stream.columns ?? 100) - 1);
    this.stream.write(`\r\x1b[2K${terminalSafe(formatProgressLine(p, 20).slice(0, width))}`);
    this.drawn = true;
  }

  note(text: string): void {
    this.clear();
    this.stream.write(terminalSafe(text) + '\n');
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
