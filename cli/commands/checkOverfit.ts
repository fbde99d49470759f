/**
 * `wiregrad check FILE --overfit [--samples N] [--steps N]`: can the network memorise a few dozen training samples
 * (engine/train/overfit.ts)? Runs in the training worker like `train`, saves nothing, prints the loss curve at ten
 * points and the verdict; exit 0 passed, 1 failed (or the run failed), 2 bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_OVERFIT, type OverfitResult } from '../../engine/train/overfit';
import { TrainingSession } from '../../engine/train/session';
import { CliError } from '../errors';
import { printErr, printOut } from '../terminalText';
import { workerScriptPath } from './train';

export const OVERFIT_USAGE = `       wiregrad check FILE --overfit [--samples N] [--steps N]

--overfit: can the network memorise a tiny subset? Trains on the first N training samples of the file's data set
(default ${DEFAULT_OVERFIT.samples}) as one batch, with the file's optimizer and learning rate held constant (no schedule, weight decay or
augmentation), for up to --steps updates (default ${DEFAULT_OVERFIT.steps}); passes when the loss on them reaches ≤ 0.05 with every
sample right. Nothing is saved. Exit status: 0 passed, 1 it cannot (or the run failed), 2 bad usage.`;

function wholeFlag(argv: readonly string[], name: string, fallback: number, min: number, max: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const raw = argv[i + 1];
  const v = Number(raw);
  if (raw === undefined || !Number.isInteger(v) || v < min || v > max) throw new CliError(`${name} needs a whole number from ${min} to ${max}; got ${raw ?? 'nothing'}.`);
  return v;
}

export async function checkOverfit(argv: readonly string[]): Promise<number> {
  const valued = new Set(['--samples', '--steps']);
  const files = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && valued.has(argv[i - 1])));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--overfit' && !valued.has(a));
  if (unknown.length) throw new CliError(`unknown option ${unknown[0]} for check --overfit.\n\n${OVERFIT_USAGE}`);
  if (files.length !== 1) throw new CliError(`check --overfit takes one FILE, got ${files.length}.`);
  const samples = wholeFlag(argv, '--samples', DEFAULT_OVERFIT.samples, 1, 256);
  const steps = wholeFlag(argv, '--steps', DEFAULT_OVERFIT.steps, 1, 10000);
  const graphFile = path.resolve(files[0]);
  if (!fs.existsSync(graphFile)) throw new CliError(`cannot read ${files[0]}: no such file.`);
  const session = new TrainingSession({
    workerScript: workerScriptPath(),
    request: { graphFile, overrides: {}, resume: false, overfit: { samples, steps } },
  });
  const end = await session.done;
  if (end.type === 'overfit-result') {
    printOut(formatOverfit(end.result) + '\n');
    return end.result.passed ? 0 : 1;
  }
  printErr(`wiregrad: ${end.type === 'failed' ? end.message : 'the check was stopped'}\n`);
  return 1;
}

/** The curve at ten points (update, loss), then the verdict. */
export function formatOverfit(r: OverfitResult): string {
  const marks = [...new Set(Array.from({ length: 10 }, (_, i) => Math.max(1, Math.round(((i + 1) * r.losses.length) / 10))))];
  const curve = marks.map((s) => `  update ${String(s).padStart(String(r.maxSteps).length)}  loss ${r.losses[s - 1].toFixed(4)}`);
  return [
    `Can it overfit ${r.samples} training samples? ${r.optimizer}, learning rate ${r.learningRate} (constant), up to ${r.maxSteps} updates`,
    `  start         loss ${r.initialLoss.toFixed(4)} (inference mode)`,
    ...curve,
    r.explanation,
  ].join('\n');
}
